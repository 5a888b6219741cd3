// `sentinel-hunt ingest --source graph|json|csv|synthetic [source options] --into DIR|azure ...`
// Incremental message trace ingestion (src/ingest) from a source (src/trace) into the local
// workspace or a Log Analytics workspace through the Logs Ingestion API (src/azure).
import { parseArgs } from 'node:util';
import { createCredential } from '../../azure/credential';
import { LogsIngestionSink } from '../../azure/logs-ingestion-sink';
import {
  DEFAULT_OVERLAP_MS, INGEST_PROFILES, IngestError, LocalSink, StateError, WindowError, parseDuration, runIngestion,
  type IngestProfileName, type IngestSink, type IngestSummary,
} from '../../ingest';
import { CsvTraceSource } from '../../trace/csv-source';
import { GraphTraceError, GraphTraceSource } from '../../trace/graph';
import { JsonTraceSource } from '../../trace/json-source';
import type { RejectedRecord, TraceSource } from '../../trace/record';
import { SyntheticTraceSource } from '../../trace/synthetic';
import { UsageError } from '../usage-error';

export const ingestUsage = `sentinel-hunt ingest --source graph|json|csv|synthetic [SOURCE OPTIONS] (--into DIR | --into azure AZURE OPTIONS)
    [--profile classic|dcr] [--since ISO] [--until ISO] [--overlap 48h] [--state FILE]
  Ingests Exchange Online message trace incrementally: each run reads from the last checkpoint
  minus the overlap (late rows, status changes) to now and skips rows already ingested, keyed by
  (MessageTraceId, RecipientAddress, Status).
  Sources:
    graph       Microsoft Graph messageTraces: [--graph-endpoint URL] [--tenant T] [--client-id ID]
                [--certificate PEM | --client-secret-env VAR] [--credential default|cli|env-token]
    json FILE…  archived exports (Graph, or the Reporting Web Service's two JSON shapes)
    csv FILE…   Exchange admin center message trace downloads (summary or extended)
    synthetic   --domain D [--domain D2 …] [--days 30] [--seed 1] [--scenario NAME …]
                (exfiltration, lookalike, late-arrivals, status-changes)
  Azure: --ingestion-endpoint URL --dcr-id ID --stream NAME --state FILE
         [--reconcile WORKSPACE_ID [--logs-query-endpoint URL]] and the credential options.
  Prints a summary; exits 1 when the run failed, 2 on a usage mistake.`;

const OPTIONS = {
  source: { type: 'string' },
  into: { type: 'string' },
  profile: { type: 'string', default: 'classic' },
  since: { type: 'string' },
  until: { type: 'string' },
  now: { type: 'string' },
  overlap: { type: 'string' },
  state: { type: 'string' },
  'batch-rows': { type: 'string' },
  // graph
  'graph-endpoint': { type: 'string' },
  tenant: { type: 'string' },
  'client-id': { type: 'string' },
  certificate: { type: 'string' },
  'client-secret-env': { type: 'string' },
  credential: { type: 'string' },
  'authority-host': { type: 'string' },
  // synthetic
  domain: { type: 'string', multiple: true },
  days: { type: 'string' },
  seed: { type: 'string' },
  scenario: { type: 'string', multiple: true },
  // azure
  'ingestion-endpoint': { type: 'string' },
  'dcr-id': { type: 'string' },
  stream: { type: 'string' },
  reconcile: { type: 'string' },
  'logs-query-endpoint': { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>>['values'];

export interface IngestIo {
  out(text: string): void;
  err(text: string): void;
  signal?: AbortSignal;
}

export async function runIngest(argv: string[], io: IngestIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  const profile = values.profile as IngestProfileName;
  if (!(INGEST_PROFILES as readonly string[]).includes(profile)) throw new UsageError(`unknown --profile ${profile}; expected ${INGEST_PROFILES.join(' or ')}`);
  const now = values.now === undefined ? new Date() : date(values.now, '--now');
  const source = createSource(values, positionals, now);
  const period = source instanceof SyntheticTraceSource ? source.period : undefined;
  const sink = await createSink(values, profile);

  const rejected: RejectedRecord[] = [];
  let summary: IngestSummary;
  try {
    summary = await runIngestion({
      source,
      sink,
      profile,
      now: period && values.now === undefined ? period.end : now,
      since: values.since === undefined ? undefined : date(values.since, '--since'),
      firstRunStart: period?.start,
      until: values.until === undefined ? undefined : date(values.until, '--until'),
      overlapMs: values.overlap === undefined ? DEFAULT_OVERLAP_MS : parseDuration(values.overlap, '--overlap'),
      batchRows: values['batch-rows'] === undefined ? (sink.kind === 'local' ? 50_000 : 5_000) : positiveInteger(values['batch-rows'], '--batch-rows'),
      signal: io.signal,
      onReject: (r) => {
        rejected.push(r);
        io.err(`${r.where}${r.line === undefined ? '' : `:${r.line}`}: rejected: ${r.message}\n`);
      },
    });
  } catch (error) {
    io.err(`sentinel-hunt ingest: ${(error as Error).message}\n`);
    if (isOptionMistake(error)) return 2;
    io.err('nothing that was accepted before the failure is lost; run the same command again to resume\n');
    return 1;
  }
  io.out(formatSummary(summary, source, sink));
  return 0;
}

/** A window the source refuses (over 90 days back ...) or a state of another profile: found before any row moved. */
function isOptionMistake(error: unknown): boolean {
  return error instanceof WindowError || error instanceof IngestError || error instanceof StateError
    || (error instanceof GraphTraceError && error.reason === 'window');
}

function createSource(values: Values, files: string[], now: Date): TraceSource {
  switch (values.source) {
    case 'graph': {
      const credential = createCredential({
        credential: values.credential, tenant: values.tenant, clientId: values['client-id'],
        certificate: values.certificate, clientSecretEnv: values['client-secret-env'], authorityHost: values['authority-host'],
      });
      return new GraphTraceSource({ credential, endpoint: values['graph-endpoint'] });
    }
    case 'json': case 'csv':
      if (files.length === 0) throw new UsageError(`--source ${values.source} needs at least one FILE`);
      return values.source === 'json' ? new JsonTraceSource(files) : new CsvTraceSource(files);
    case 'synthetic': {
      if (!values.domain?.length) throw new UsageError('--source synthetic needs at least one --domain');
      return new SyntheticTraceSource({
        domains: values.domain,
        days: values.days === undefined ? undefined : positiveInteger(values.days, '--days'),
        seed: values.seed === undefined ? undefined : Number.parseInt(values.seed, 10),
        scenarios: values.scenario ?? [],
        end: values.until ?? startOfUtcDay(now),
      });
    }
    case undefined: throw new UsageError('ingest needs --source graph|json|csv|synthetic');
    default: throw new UsageError(`unknown --source ${values.source}; expected graph, json, csv or synthetic`);
  }
}

async function createSink(values: Values, profile: IngestProfileName): Promise<IngestSink> {
  if (values.into === undefined) throw new UsageError('ingest needs --into DIR or --into azure');
  if (values.into !== 'azure') return LocalSink.open(values.into);
  const missing = (['ingestion-endpoint', 'dcr-id', 'stream', 'state'] as const).filter((flag) => values[flag] === undefined);
  if (missing.length > 0) throw new UsageError(`--into azure needs ${missing.map((flag) => `--${flag}`).join(', ')}`);
  const credential = createCredential({
    credential: values.credential, tenant: values.tenant, clientId: values['client-id'],
    certificate: values.certificate, clientSecretEnv: values['client-secret-env'], authorityHost: values['authority-host'],
  });
  return new LogsIngestionSink({
    endpoint: values['ingestion-endpoint']!,
    dcrImmutableId: values['dcr-id']!,
    streamName: values.stream!,
    credential,
    stateFile: values.state!,
    profile,
    reconcile: values.reconcile === undefined ? undefined : { workspaceId: values.reconcile, logsQueryEndpoint: values['logs-query-endpoint'], credential },
  });
}

function formatSummary(summary: IngestSummary, source: TraceSource, sink: IngestSink): string {
  const stats = source instanceof GraphTraceSource ? source.stats : undefined;
  const lines = [
    `ingested ${summary.written} rows into ${sink.target}`,
    `  range      ${summary.range.start.toISOString()} .. ${summary.range.end.toISOString()} in ${summary.windows} window(s)`,
    `  read       ${summary.read} rows`,
    `  written    ${summary.written}`,
    `  duplicates ${summary.duplicates} (already ingested, skipped)`,
    `  rejected   ${summary.rejected}`,
  ];
  if (summary.outOfRange > 0) lines.push(`  outside    ${summary.outOfRange} (outside --since/--until)`);
  if (stats) lines.push(`  requests   ${stats.requests} (${stats.retries} retries)`);
  lines.push(`  checkpoint ${summary.checkpoint ?? 'none (file sources do not move it)'}`);
  if (summary.inFlight) {
    const f = summary.inFlight;
    lines.push(`  resumed    a batch in flight at the last crash: ${f.confirmed} rows confirmed in the workspace, ${f.resent} sent again`
      + (f.mayDuplicate ? ' (without --reconcile those can now be in the workspace twice)' : ''));
  }
  return `${lines.join('\n')}\n`;
}

function date(text: string, flag: string): Date {
  const parsed = new Date(text);
  if (Number.isNaN(parsed.getTime())) throw new UsageError(`${flag} ${text} is not a date (use ISO 8601, e.g. 2026-01-20T00:00:00Z)`);
  return parsed;
}

function positiveInteger(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${flag} must be a positive integer, not ${text}`);
  return value;
}

function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
