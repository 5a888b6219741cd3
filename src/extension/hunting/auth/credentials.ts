// TokenCredentials for the commands: an app registration (client secret from SecretStorage, or a
// certificate file) through the core's createCredential, or the user's own sign-in in VS Code.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { AppRegistration } from '../ingest/options';
import type { ClientSecrets } from '../state/secrets';
import type { HuntingLog } from '../ui/log';
import { sessionCredential } from './session-credential';
import { explainSignInError, type SignInContext } from './sign-in-errors';

export const GRAPH_TRACE_PERMISSION = 'ExchangeMessageTrace.Read.All';

export interface CredentialDeps {
  secrets: ClientSecrets;
  log: HuntingLog;
  /** Entra authority for app registrations (sovereign clouds); default the public cloud. */
  authorityHost?: string;
}

const KNOWN_AUTHORITIES = ['login.microsoftonline.com', 'login.microsoftonline.us', 'login.chinacloudapi.cn', 'login.partner.microsoftonline.cn'];

/**
 * The credential of `app`. A client secret given in `app` is moved to SecretStorage first (and
 * dropped from the object); with none given, the stored one is used.
 * `delegatedScopes`: what a signed-in user asks for (default: what the client asks for).
 */
export async function appCredential(app: AppRegistration, context: SignInContext & { delegatedScopes?: string[] }, deps: CredentialDeps): Promise<TokenCredential> {
  const signIn = { ...context, tenant: app.tenant, clientId: app.clientId };
  if (app.auth === 'signin') return sessionCredential({ ...signIn, scopes: context.delegatedScopes });

  const { createCredential } = await import('../../../azure/credential');
  const authorityHost = deps.authorityHost || undefined;
  const disableInstanceDiscovery = authorityHost !== undefined && !KNOWN_AUTHORITIES.includes(new URL(authorityHost).hostname.toLowerCase());
  let credential: TokenCredential;
  if (app.auth === 'certificate') {
    credential = createCredential({ tenant: app.tenant, clientId: app.clientId, certificate: app.certificatePath, authorityHost, disableInstanceDiscovery });
  } else {
    if (app.clientSecret) {
      await deps.secrets.store(app.tenant, app.clientId, app.clientSecret);
      delete app.clientSecret;
    }
    const secret = await deps.secrets.get(app.tenant, app.clientId);
    if (!secret) throw new Error(`no client secret is stored for app ${app.clientId} in tenant ${app.tenant}; run the command from the Command Palette to enter it`);
    // The core reads a secret from a named variable; this one exists only in this object.
    const variable = 'SENTINEL_HUNT_CLIENT_SECRET';
    credential = createCredential({ tenant: app.tenant, clientId: app.clientId, clientSecretEnv: variable, env: { [variable]: secret }, authorityHost, disableInstanceDiscovery });
  }
  return explained(credential, signIn, deps.log);
}

/** Rewrites a failed token request's error in actionable words (and without secrets). */
function explained(credential: TokenCredential, context: SignInContext, log: HuntingLog): TokenCredential {
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      try {
        return await credential.getToken(scopes, options);
      } catch (error) {
        throw new Error(log.redact(explainSignInError(error, context)));
      }
    },
  };
}
