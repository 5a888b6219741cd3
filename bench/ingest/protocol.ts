// What the ingestion benchmark's parent hands a child process (argv) and what the child prints
// back (one JSON line on stdout).
import type { IngestProfileName } from '../../src/ingest';
import type { LiveSample } from './memory-sampler';

export type ChildMode =
  /** runIngestion: GraphTraceSource -> de-duplication -> shaping -> LogsIngestionSink. */
  | 'pipeline'
  /** The same pages fetched and JSON-parsed, the same rows gzipped and POSTed, nothing else. */
  | 'floor';

export interface ChildConfig {
  mode: ChildMode;
  graph: { url: string; token: string };
  ingestion: { url: string; token: string; dcr: string; stream: string };
  profile: IngestProfileName;
  /** The synthetic data's period (ISO): the run reads all of it. */
  start: string;
  end: string;
  /** Graph's request budget as the client limiter applies it. */
  budget: { limit: number; intervalMs: number };
  /** Rows per sink write (the CLI's default for Azure is 5,000). */
  batchRows: number;
  /** A folder for the state file. */
  work: string;
}

export interface ChildReport {
  mode: ChildMode;
  /** Rows sent to the ingestion server. */
  rows: number;
  /** From the first Graph request to the last upload accepted (module loading excluded). */
  elapsedMs: number;
  /** CPU time of the process over the same span (user + system, its threads included). */
  cpuMs: number;
  /** CPU time of the servers (the parent process) while the child ran; the parent adds it. */
  serverCpuMs?: number;
  /** Peak resident set before the run (Node, modules, TLS) and at its end. */
  hwmBeforeMiB: number;
  hwmMiB: number;
  /** memory-sampler.ts: the live heap after each full collection, the largest heap in use and external memory. */
  liveHeap: LiveSample[];
  heapUsedMiB: number;
  externalMiB: number;
  /** Pipeline only. */
  summary?: { read: number; written: number; duplicates: number; rejected: number; windows: number };
  graph?: { requests: number; pages: number; retries: number; throttled: number; budgetWaitMs: number };
  sink?: { requests: number; rowsAccepted: number; retries: number };
}

export const CHILD_FLAG = '--child';
