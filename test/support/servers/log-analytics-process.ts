// Runs the local Log Analytics query server (log-analytics-server.ts) in a process of its own,
// driven over IPC: for tests inside VS Code's extension host, which must not load the engine
// (Kusto.Language sets globals). Fork this file (compiled: out/test/support/servers/) and send:
//   { type: 'start', tables, token? }   -> { type: 'started', url, endpoint, token, workspaceId }
//   { type: 'fail', faults }            -> { type: 'ok' }
//   { type: 'requests' }                -> { type: 'requests', requests }
// It exits when the parent disconnects.
import { startLogAnalyticsServer, type LogAnalyticsServer, type QueryFault, type WorkspaceTable } from './log-analytics-server';

export type LogAnalyticsProcessRequest =
  | { type: 'start'; tables: WorkspaceTable[]; token?: string }
  | { type: 'fail'; faults: QueryFault[] }
  | { type: 'requests' };

let server: LogAnalyticsServer | undefined;

function reply(message: unknown): void {
  process.send?.(message);
}

process.on('message', (value: unknown) => {
  const message = value as LogAnalyticsProcessRequest;
  void (async () => {
    try {
      switch (message.type) {
        case 'start':
          server = await startLogAnalyticsServer({ tables: message.tables, token: message.token });
          reply({ type: 'started', url: server.url, endpoint: server.endpoint, token: server.token, workspaceId: server.workspaceId });
          return;
        case 'fail':
          server?.fail(...message.faults);
          reply({ type: 'ok' });
          return;
        case 'requests':
          reply({ type: 'requests', requests: server?.requests ?? [] });
          return;
      }
    } catch (error) {
      reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  })();
});

process.on('disconnect', () => {
  void (server?.close() ?? Promise.resolve()).finally(() => process.exit(0));
});
