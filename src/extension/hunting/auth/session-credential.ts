// The user's Microsoft account, signed in through VS Code's 'microsoft' authentication
// provider (or the one sentinelHunt.auth.provider names, e.g. microsoft-sovereign-cloud), as a TokenCredential for the core's Graph source, Logs Ingestion sink and ARM
// deployment. VS Code keeps and refreshes the session; each token request asks it again.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import * as vscode from 'vscode';
import { readSettings } from '../state/settings';
import { explainSignInError, isSignInCancelled, type SignInContext } from './sign-in-errors';

export interface SessionCredentialOptions extends SignInContext {
  /** The scopes to ask for; default: the ones the client asks for (…/.default). */
  scopes?: readonly string[];
}

export function sessionCredential(options: SessionCredentialOptions): TokenCredential {
  return {
    async getToken(requested: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
      const scopes = [...(options.scopes ?? (Array.isArray(requested) ? requested : [requested]))];
      if (options.tenant) scopes.push(`VSCODE_TENANT:${options.tenant}`);
      if (options.clientId) scopes.push(`VSCODE_CLIENT_ID:${options.clientId}`);
      let session: vscode.AuthenticationSession;
      try {
        session = await vscode.authentication.getSession(readSettings().authProvider, scopes, { createIfNone: true });
      } catch (error) {
        if (isSignInCancelled(error)) throw new Error(`sign-in to ${options.purpose} was cancelled`);
        throw new Error(explainSignInError(error, options));
      }
      const token = session.accessToken;
      return { token, expiresOnTimestamp: jwtExpiry(token) ?? Date.now() + 45 * 60_000, tokenType: 'Bearer' };
    },
  };
}

/** The `exp` claim of a JWT, in ms. */
function jwtExpiry(token: string): number | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
