// The CLI's credential: --credential default|cli|env-token, --tenant, --client-id,
// --certificate PATH, --client-secret-env VAR, --authority-host URL. Errors name the flag or
// variable to fix and never repeat a secret or token.
import { statSync } from 'node:fs';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { AzureCliCredential, ClientCertificateCredential, ClientSecretCredential, DefaultAzureCredential } from '@azure/identity';

export const CREDENTIAL_KINDS = ['default', 'cli', 'env-token'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** Holds a bearer token for `--credential env-token`. */
export const ACCESS_TOKEN_ENV = 'SENTINEL_HUNT_ACCESS_TOKEN';

export interface CredentialOptions {
  /** --credential; default 'default'. An app credential (--certificate, --client-secret-env) needs 'default' or nothing. */
  credential?: string;
  /** --tenant: directory (tenant) id or domain. */
  tenant?: string;
  /** --client-id: the app registration's id; with 'default', the managed or workload identity's client id. */
  clientId?: string;
  /** --certificate: a PEM file holding the app's certificate and private key. */
  certificate?: string;
  /** --client-secret-env: the name of the environment variable that holds the app's client secret. */
  clientSecretEnv?: string;
  /** --authority-host, e.g. https://login.microsoftonline.us for US Government. */
  authorityHost?: string;
  /**
   * Skip Entra instance discovery (authority validation) for an `authorityHost` MSAL does not
   * know, such as Azure Stack or a test authority. Off by default.
   */
  disableInstanceDiscovery?: boolean;
  /** Where variables are read; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** A mistake in the flags or environment (the CLI's usage error, exit 2). */
export class CredentialOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialOptionsError';
  }
}

export function createCredential(options: CredentialOptions = {}): TokenCredential {
  const env = options.env ?? process.env;
  const kind = options.credential ?? 'default';
  if (!(CREDENTIAL_KINDS as readonly string[]).includes(kind)) {
    fail(`--credential must be one of ${CREDENTIAL_KINDS.join(', ')}, not ${JSON.stringify(kind)}`);
  }
  const authorityHost = options.authorityHost === undefined ? undefined : checkAuthorityHost(options.authorityHost);

  if (options.certificate !== undefined || options.clientSecretEnv !== undefined) {
    return appCredential(kind as CredentialKind, options, authorityHost, env);
  }
  switch (kind as CredentialKind) {
    case 'env-token':
      for (const [flag, value] of [['--tenant', options.tenant], ['--client-id', options.clientId], ['--authority-host', authorityHost]] as const) {
        if (value !== undefined) fail(`${flag} has no effect with --credential env-token (the token in ${ACCESS_TOKEN_ENV} is used as it is)`);
      }
      return envTokenCredential(env);
    case 'cli':
      if (options.clientId !== undefined) fail('--client-id has no effect with --credential cli (the Azure CLI signs in as its logged-in account)');
      if (authorityHost !== undefined) fail('--authority-host has no effect with --credential cli (choose the cloud with `az cloud set`)');
      return new AzureCliCredential({ tenantId: options.tenant });
    case 'default':
      return new DefaultAzureCredential({
        tenantId: options.tenant,
        managedIdentityClientId: options.clientId,
        workloadIdentityClientId: options.clientId,
        authorityHost,
        disableInstanceDiscovery: options.disableInstanceDiscovery,
      });
  }
}

function appCredential(
  kind: CredentialKind,
  options: CredentialOptions,
  authorityHost: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): TokenCredential {
  const flag = options.certificate !== undefined ? '--certificate' : '--client-secret-env';
  if (options.certificate !== undefined && options.clientSecretEnv !== undefined) fail('give either --certificate or --client-secret-env, not both');
  if (kind !== 'default') fail(`${flag} signs in as an app and cannot be combined with --credential ${kind}`);
  if (!options.tenant) fail(`${flag} needs --tenant (the directory id or domain of the app's tenant)`);
  if (!options.clientId) fail(`${flag} needs --client-id (the app registration's application id)`);

  if (options.certificate !== undefined) {
    const path = options.certificate;
    try {
      if (!statSync(path).isFile()) fail(`--certificate ${path} is not a file`);
    } catch (error) {
      if (error instanceof CredentialOptionsError) throw error;
      fail(`--certificate ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    return new ClientCertificateCredential(options.tenant, options.clientId, { certificatePath: path }, {
      authorityHost, disableInstanceDiscovery: options.disableInstanceDiscovery,
    });
  }
  const variable = options.clientSecretEnv as string;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) fail(`--client-secret-env takes the name of an environment variable, not ${JSON.stringify(variable).slice(0, 40)}`);
  const secret = env[variable];
  if (!secret) fail(`the environment variable ${variable} (named by --client-secret-env) is not set or empty`);
  return new ClientSecretCredential(options.tenant, options.clientId, secret, {
    authorityHost, disableInstanceDiscovery: options.disableInstanceDiscovery,
  });
}

/** `--credential env-token`: the bearer token in SENTINEL_HUNT_ACCESS_TOKEN, whatever the scope. */
export function envTokenCredential(env: Readonly<Record<string, string | undefined>> = process.env): TokenCredential {
  const raw = env[ACCESS_TOKEN_ENV]?.trim().replace(/^Bearer\s+/i, '');
  if (!raw) fail(`--credential env-token needs the environment variable ${ACCESS_TOKEN_ENV} to hold a bearer token; it is not set or empty`);
  // Kept in this closure only, so that printing the credential object never shows it.
  const token = raw;
  const expires = jwtExpiry(token);
  return {
    async getToken(): Promise<AccessToken> {
      if (expires !== undefined && expires <= Date.now()) {
        throw new Error(`the token in ${ACCESS_TOKEN_ENV} expired at ${new Date(expires).toISOString()}; get a new one`);
      }
      // Unknown expiry (not a JWT): claim an hour; the server will say 401 if it is stale.
      return { token, expiresOnTimestamp: expires ?? Date.now() + 3_600_000, tokenType: 'Bearer' };
    },
  };
}

/** The `exp` claim of a JWT in ms, when the token is one. */
function jwtExpiry(token: string): number | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    const exp = (claims as { exp?: unknown } | null)?.exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

function checkAuthorityHost(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    fail(`--authority-host must be a URL such as https://login.microsoftonline.us, not ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'https:') fail(`--authority-host must use https, not ${url.protocol}`);
  return value.replace(/\/+$/, '');
}

function fail(message: string): never {
  throw new CredentialOptionsError(message);
}
