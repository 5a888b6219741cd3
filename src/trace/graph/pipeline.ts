// The Azure SDK HTTP stack for Graph: the SDK's own policies (TLS, proxy, decompression,
// user agent, client request id, bearer token) minus its retry policies, which would retry
// without regard for the tenant's request budget; requester.ts retries instead.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { bearerTokenAuthenticationPolicy, createPipelineFromOptions, type Pipeline } from '@azure/core-rest-pipeline';

/** A failure inside the credential, kept apart from HTTP failures so it is neither retried nor misreported. */
export class CredentialFailure extends Error {
  constructor(readonly inner: unknown) {
    super(inner instanceof Error ? inner.message : String(inner));
    this.name = 'CredentialFailure';
  }
}

/** `onSend` runs for every request handed to the HTTP client (after signing), so counts are exact. */
export function createGraphPipeline(credential: TokenCredential, scope: string, onSend: () => void): Pipeline {
  const pipeline = createPipelineFromOptions({
    // Graph does not redirect message trace; never follow a redirect with the token.
    redirectOptions: { maxRetries: 0 },
    userAgentOptions: { userAgentPrefix: 'sentinel-hunt' },
  });
  pipeline.removePolicy({ phase: 'Retry' });
  pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential: tagFailures(credential), scopes: scope }), { phase: 'Sign' });
  pipeline.addPolicy({
    name: 'sentinelHuntRequestCounter',
    sendRequest: (request, next) => {
      onSend();
      return next(request);
    },
  }, { afterPhase: 'Sign' });
  return pipeline;
}

function tagFailures(credential: TokenCredential): TokenCredential {
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      let token: AccessToken | null;
      try {
        token = await credential.getToken(scopes, options);
      } catch (error) {
        if (error instanceof Error && error.name === 'AbortError') throw error;
        throw new CredentialFailure(error);
      }
      if (!token) throw new CredentialFailure(new Error('the credential returned no token'));
      return token;
    },
  };
}
