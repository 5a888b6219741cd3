// An HTTPS server on 127.0.0.1 (a free port) with the committed test certificate. Clients trust
// it through NODE_EXTRA_CA_CERTS=test/fixtures/tls/ca.pem (set by `npm run test:unit`).
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { repoRoot } from '../paths';

export interface TestHttpsServer {
  /** `https://127.0.0.1:<port>` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /** Closes the listener and every open connection. */
  close(): Promise<void>;
}

export type Handler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

const tlsDir = path.join(repoRoot, 'test', 'fixtures', 'tls');

export async function startHttpsServer(handler: Handler): Promise<TestHttpsServer> {
  const server = createServer(
    { cert: readFileSync(path.join(tlsDir, 'server.pem')), key: readFileSync(path.join(tlsDir, 'server-key.pem')) },
    (request, response) => {
      Promise.resolve(handler(request, response)).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(`test server error: ${error instanceof Error ? error.message : String(error)}`);
      });
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Reads a request body as text (for servers that take one). */
export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
