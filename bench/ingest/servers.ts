// The local services a benchmark run talks to, in the parent process: the Graph message trace
// server serving the benchmark's rows (frozen, so that it indexes them by time once instead of
// scanning a million rows per query) and the Logs Ingestion server with a rule for the profile,
// keeping only the identity of each row it accepts (checked after the run: work done while the
// servers answer would slow them down). Both in one process: on two cores, a process of their
// own each would take the pipeline's core from it whenever both are busy.
import { inputStreamName, streamDeclaration } from '../../src/azure/setup-template';
import { ingestProfile, type IngestProfile, type IngestProfileName, type JsonRow } from '../../src/ingest';
import type { TraceRecord } from '../../src/trace/record';
import { startGraphTraceServer, type GraphTraceServer, type ServedRow } from '../../test/support/servers/graph-trace-server';
import { startLogsIngestionServer, type LogsIngestionServer } from '../../test/support/servers/logs-ingestion-server';
import type { ChildConfig } from './protocol';

const DCR = 'dcr-0000000000000000000000000000be7c';

export interface BenchServers {
  graph: GraphTraceServer;
  ingestion: LogsIngestionServer;
  /** The identity (acceptedIdentity) of each row accepted, in order. */
  accepted: string[];
  /** The servers' side of a child's configuration. */
  endpoints: Pick<ChildConfig, 'graph' | 'ingestion'>;
  close(): Promise<void>;
}

/** A row's identity columns as the table holds them, joined. */
export function acceptedIdentity(profile: IngestProfile, row: Record<string, unknown> | JsonRow): string {
  const { id, recipient, status } = profile.identityColumns;
  return `${String(row[id])}|${String(row[recipient])}|${String(row[status])}`;
}

export async function startBenchServers(records: readonly TraceRecord[], profileName: IngestProfileName, budget: { limit: number; intervalMs: number }): Promise<BenchServers> {
  const profile = ingestProfile(profileName);
  const stream = inputStreamName(profile);
  const graph = await startGraphTraceServer({ budget });
  graph.rows = Object.freeze([...records]) as unknown as ServedRow[];
  const accepted: string[] = [];
  const ingestion = await startLogsIngestionServer({
    token: 'bench-ingestion-token',
    rules: [{ immutableId: DCR, streams: { [stream]: streamDeclaration(profile) } }],
    retainRows: false,
    onAccepted: (rows) => {
      for (const row of rows) accepted.push(acceptedIdentity(profile, row));
    },
  });
  return {
    graph,
    ingestion,
    accepted,
    endpoints: {
      graph: { url: graph.url, token: graph.token },
      ingestion: { url: ingestion.url, token: ingestion.token, dcr: DCR, stream },
    },
    close: async () => {
      await Promise.all([graph.close(), ingestion.close()]);
    },
  };
}
