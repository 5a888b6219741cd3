// The benchmark's message trace: the seeded synthetic tenant (no incident scenarios, so every
// row is visible at the end of the period and unique), at a fixed density, so that a run of N
// rows covers N / 33,000 days: a longer run is more days of the same traffic, not denser days.
import { traceKey, type TraceRecord } from '../../src/trace/record';
import { SyntheticTraceSource } from '../../src/trace/synthetic';

/** The synthetic source's default traffic (a tenant of 33,000 mailboxes). */
export const ROWS_PER_DAY = 33_000;
const DAY_MS = 86_400_000;
const SEED = 20_261_127;

/** What makes a data set: the same spec gives the same rows, in any process. */
export interface DataSpec {
  rows: number;
  days: number;
  /** End of the period, epoch ms (00:00 UTC). */
  end: number;
  /** Keep only the first this many rows (after repeated identities are dropped). */
  keep?: number;
}

export interface BenchData {
  spec: DataSpec;
  records: TraceRecord[];
  /** Rows dropped because their identity repeated an earlier row's (see benchData). */
  repeats: number;
  start: Date;
  /** Today 00:00 UTC: Graph serves the last 90 days up to now. */
  end: Date;
  days: number;
}

/** `rows` rows over `days` days (default: at the benchmark's density) ending today 00:00 UTC. */
export function dataSpec(rows: number, days = Math.max(1, Math.round(rows / ROWS_PER_DAY))): DataSpec {
  return { rows, days, end: Math.floor(Date.now() / DAY_MS) * DAY_MS };
}

export function benchData(spec: DataSpec): BenchData {
  const { rows, days, end } = spec;
  const source = new SyntheticTraceSource({ domains: ['contoso.com', 'fabrikam.com'], days, end: new Date(end), rows, seed: SEED });
  // The generator draws each message from a stream with a 32-bit seed, so among ~500,000
  // messages a few dozen repeat an earlier one's GUID days later. The pipeline rightly skips
  // such a row when the earlier one is still within its key window: keep identities unique so
  // that "each row accepted exactly once" can be checked exactly.
  const records: TraceRecord[] = [];
  const identities = new Set<string>();
  let repeats = 0;
  for (const page of source.pages(source.period)) {
    for (const record of page) {
      const identity = traceKey(record);
      if (identities.has(identity)) repeats++;
      else {
        identities.add(identity);
        records.push(record);
      }
    }
  }
  if (spec.keep !== undefined) records.length = Math.min(records.length, spec.keep);
  return { spec, records, repeats, start: source.period.start, end: source.period.end, days };
}
