// The query host: a Node process the extension forks (dist/query-host.js) to run KQL on local
// workspaces with the embedded engine, so that Kusto.Language never loads in the extension
// host. Protocol: ./protocol.ts. Requests run one at a time, in order.
import { performance } from 'node:perf_hooks';
import { runQuery } from '../engine';
import { MemorySource } from '../engine/memory-source';
import { kustoLanguageVersion } from '../kql/kusto';
import { parseHostRequest, type HostResponse, type RunRequest } from './protocol';
import { runRequest } from './run';
import { WorkspaceCache } from './workspace-cache';

function send(message: HostResponse): void {
  process.send?.(message);
}

if (!process.send) {
  process.stderr.write('the query host is started by the Sentinel Hunt extension over IPC; it has no command line\n');
  process.exit(2);
}

const cache = new WorkspaceCache();
let queue: Promise<void> = Promise.resolve();

process.on('message', (value: unknown) => {
  const request = parseHostRequest(value);
  if (!request) {
    process.stderr.write(`query host: dropped a malformed request: ${JSON.stringify(value)?.slice(0, 200)}\n`);
    return;
  }
  queue = queue.then(() => handle(request));
});

// The extension host went away: nothing will read our answers.
process.on('disconnect', () => process.exit(0));

async function handle(request: RunRequest): Promise<void> {
  send({ type: 'started', id: request.id });
  send(await runRequest(request, cache));
}

/** Loads Kusto.Language and compiles once, so that the first query does not pay for it. */
async function warmUp(): Promise<void> {
  const started = performance.now();
  const empty = new MemorySource(new Map());
  await runQuery('print x = 1 | extend y = strcat("a", tostring(x)) | where y has "a"', empty.schema, empty, { now: Date.now() * 1000 });
  send({ type: 'ready', kustoLanguageVersion: kustoLanguageVersion(), warmUpMs: Math.round(performance.now() - started) });
}

queue = queue.then(warmUp).catch((error: unknown) => {
  process.stderr.write(`query host: warm-up failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
});
