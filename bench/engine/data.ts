// The engine benchmark's data, from the project's own parts: the synthetic message trace
// source (src/trace/synthetic: ~5,000 senders, ~50,000 recipients, 30 days, a third of rows
// outbound) shaped into the classic profile's EmailEvents_CL by the ingestion profile, and a
// 3,000-row table of dnstwist lookalikes of the tenant domains (src/lookalike).
import { columnFromValues } from '../../src/engine/data/builder';
import { Table } from '../../src/engine/data/table';
import { ingestProfile, recordsToTable } from '../../src/ingest';
import type { ColumnSchema } from '../../src/kql/schema';
import { lookalikesOfAll } from '../../src/lookalike';
import type { TraceRecord } from '../../src/trace/record';
import { SyntheticTraceSource } from '../../src/trace/synthetic';

export const TENANT_DOMAINS = ['contoso.com', 'fabrikam.com'];
export const TRACE_PROFILE = ingestProfile('classic');
export const TRACE_TABLE = TRACE_PROFILE.table;
export const LOOKALIKE_TABLE = 'LookalikeDomains';
export const LOOKALIKE_COLUMNS: ColumnSchema[] = [
  { name: 'Domain', type: 'string' },
  { name: 'Fuzzer', type: 'string' },
  { name: 'Original', type: 'string' },
];
const LOOKALIKE_ROWS = 3000;
const DAY_MS = 86_400_000;

/** `rows` ordinary rows over `days` days ending at `endMs`, plus five exfiltrating mailboxes and lookalike senders. */
export function traceSource(options: { seed: number; rows: number; days: number; endMs: number }): SyntheticTraceSource {
  return new SyntheticTraceSource({
    domains: TENANT_DOMAINS, days: options.days, end: new Date(options.endMs), seed: options.seed, rows: options.rows,
    scenarios: ['exfiltration', 'lookalike'], exfiltrators: 5,
  });
}

/** Day `day` (0 = the first) of the source as a classic-profile table. */
export function dayTable(source: SyntheticTraceSource, day: number): Table {
  const start = source.period.start.getTime() + day * DAY_MS;
  const records: TraceRecord[] = [];
  for (const page of source.pages({ start: new Date(start), end: new Date(start + DAY_MS) })) records.push(...page);
  return recordsToTable(TRACE_PROFILE, records);
}

/** Lookalikes of the tenant domains: every non-homoglyph permutation, then homoglyphs, 3,000 in all. */
export function lookalikeTable(): Table {
  const all = lookalikesOfAll(TENANT_DOMAINS).filter((l) => l.fuzzer !== '*original');
  const chosen = [...all.filter((l) => l.fuzzer !== 'homoglyph'), ...all.filter((l) => l.fuzzer === 'homoglyph')].slice(0, LOOKALIKE_ROWS);
  return new Table(LOOKALIKE_COLUMNS.map((c) => c.name), [
    columnFromValues('string', chosen.map((l) => l.domain)),
    columnFromValues('string', chosen.map((l) => l.fuzzer)),
    columnFromValues('string', chosen.map((l) => l.original)),
  ], chosen.length);
}
