// TokenCredentials for the Azure SDK inside VS Code: the signed-in Microsoft account
// (vscode.authentication), or a bearer token from an environment variable (tests, automation).
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import * as vscode from 'vscode';
import { SignInError, explainSignInFailure } from './azure-errors';

export interface SessionOptions {
  /** Authentication provider id: 'microsoft', or 'microsoft-sovereign-cloud'. */
  provider: string;
  tenant?: string;
  clientId?: string;
  /** Named in error messages, e.g. "the Log Analytics API". */
  resource: string;
  /** False: never prompt; without a session already signed in, getToken fails. */
  interactive?: boolean;
}

/** The scopes VS Code's Microsoft provider takes: the resource's plus its tenant and client id pseudo-scopes. */
export function sessionScopes(scopes: readonly string[], options: Pick<SessionOptions, 'tenant' | 'clientId'>): string[] {
  return [
    ...scopes,
    ...(options.tenant ? [`VSCODE_TENANT:${options.tenant}`] : []),
    ...(options.clientId ? [`VSCODE_CLIENT_ID:${options.clientId}`] : []),
  ];
}

/** Asks VS Code for a session each time: it caches and refreshes tokens itself. */
export function sessionCredential(options: SessionOptions): TokenCredential {
  return {
    async getToken(scopes: string | string[]): Promise<AccessToken> {
      const wanted = sessionScopes(Array.isArray(scopes) ? scopes : [scopes], options);
      let session: vscode.AuthenticationSession | undefined;
      try {
        session = options.interactive === false
          ? await vscode.authentication.getSession(options.provider, wanted, { silent: true })
          : await vscode.authentication.getSession(options.provider, wanted, { createIfNone: true });
      } catch (error) {
        throw new SignInError(explainSignInFailure(error, options));
      }
      if (!session) throw new SignInError(`Not signed in to Microsoft for ${options.resource}.`);
      // VS Code does not say when the token expires; a JWT does. Otherwise ask again soon.
      return { token: session.accessToken, expiresOnTimestamp: jwtExpiry(session.accessToken) ?? Date.now() + 5 * 60_000, tokenType: 'Bearer' };
    },
  };
}

/** The token in the environment variable `name`, whatever the scope. */
export function environmentTokenCredential(name: string): TokenCredential {
  return {
    async getToken(): Promise<AccessToken> {
      const token = process.env[name]?.trim().replace(/^Bearer\s+/i, '');
      if (!token) throw new SignInError(`The connection reads its token from the environment variable ${name}, which is not set or empty in VS Code's extension host.`);
      const expires = jwtExpiry(token);
      if (expires !== undefined && expires <= Date.now()) throw new SignInError(`The token in the environment variable ${name} expired at ${new Date(expires).toISOString()}; get a new one.`);
      return { token, expiresOnTimestamp: expires ?? Date.now() + 5 * 60_000, tokenType: 'Bearer' };
    },
  };
}

/** The `exp` claim of a JWT in ms, when the token is one. */
function jwtExpiry(token: string): number | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { exp?: unknown } | null)?.exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
