// A minimal Microsoft Entra ID authority for tests: OpenID metadata and the client-credentials
// token endpoint (client secret), enough for @azure/identity's ClientSecretCredential with
// `authorityHost` pointed here and instance discovery disabled.
import type { ServerResponse } from 'node:http';
import { readBody, startHttpsServer } from './https';

export interface EntraTokenServerOptions {
  tenant: string;
  clientId: string;
  clientSecret: string;
  /** The access token issued; default 'entra-test-access-token'. */
  accessToken?: string;
  expiresInSeconds?: number;
}

export interface TokenRequest {
  clientId: string | null;
  scope: string | null;
  grantType: string | null;
  /** Whether the secret matched (the secret itself is not kept). */
  secretMatched: boolean;
}

export interface EntraTokenServer {
  /** The authority host: `https://127.0.0.1:<port>`. */
  readonly url: string;
  readonly accessToken: string;
  readonly tokenRequests: TokenRequest[];
  close(): Promise<void>;
}

export async function startEntraTokenServer(options: EntraTokenServerOptions): Promise<EntraTokenServer> {
  const accessToken = options.accessToken ?? 'entra-test-access-token';
  const tokenRequests: TokenRequest[] = [];
  let base = '';
  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(body));
  };
  const server = await startHttpsServer(async (request, response) => {
    const url = new URL(request.url ?? '/', base);
    const tenantBase = `${base}/${options.tenant}`;
    if (request.method === 'GET' && url.pathname === `/${options.tenant}/v2.0/.well-known/openid-configuration`) {
      return json(response, 200, {
        issuer: `${tenantBase}/v2.0`,
        authorization_endpoint: `${tenantBase}/oauth2/v2.0/authorize`,
        token_endpoint: `${tenantBase}/oauth2/v2.0/token`,
        end_session_endpoint: `${tenantBase}/oauth2/v2.0/logout`,
        jwks_uri: `${tenantBase}/discovery/v2.0/keys`,
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      });
    }
    if (request.method === 'POST' && url.pathname === `/${options.tenant}/oauth2/v2.0/token`) {
      const form = new URLSearchParams(await readBody(request));
      const entry: TokenRequest = {
        clientId: form.get('client_id'),
        scope: form.get('scope'),
        grantType: form.get('grant_type'),
        secretMatched: form.get('client_secret') === options.clientSecret,
      };
      tokenRequests.push(entry);
      if (entry.grantType !== 'client_credentials' || entry.clientId !== options.clientId || !entry.secretMatched) {
        return json(response, 401, {
          error: 'invalid_client',
          error_description: 'AADSTS7000215: Invalid client secret provided.',
          error_codes: [7000215],
        });
      }
      const expiresIn = options.expiresInSeconds ?? 3600;
      return json(response, 200, { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: accessToken });
    }
    json(response, 404, { error: 'not_found', error_description: `no ${request.method} ${url.pathname} here` });
  });
  base = server.url;
  return { url: server.url, accessToken, tokenRequests, close: () => server.close() };
}
