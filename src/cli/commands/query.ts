// `sentinel-hunt query [--workspace DIR] [--now ISO] [--format json|table|csv] [--timing] (QUERY | --file F | -)`
// Runs KQL on the embedded engine over a local workspace (DESIGN.md's contract).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { EngineLimitError, KqlError, NotSupportedError, runQuery } from '../../engine';
import { parseDatetime } from '../../engine/data/temporal';
import { toCsv, toJson, toText } from '../../engine/output';
import { UsageError } from '../usage-error';
import { openWorkspaceSource } from '../workspace-source';

export const queryUsage = `sentinel-hunt query [--workspace DIR] [--now ISO] [--format json|table|csv] [--timing] (QUERY | --file F | -)
  Runs KQL on the embedded engine over a local workspace (default: the current folder, when it
  is one; otherwise no tables).
  --now ISO      fixes now() for the whole query (default: the current time)
  --format F     json (one object: columns, rows, visualization), table (default), csv
  --timing       one stderr line: timing: load=<ms>ms analyze=<ms>ms execute=<ms>ms
  Exit 2 on a KQL error (line:col: message lines on stderr) or a construct the local engine
  does not support ("not supported by the local engine: ...").`;

export interface QueryIo {
  readStdin(): string;
  out(text: string): void;
  err(text: string): void;
}

export async function runQueryCommand(argv: string[], io: QueryIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      workspace: { type: 'string' },
      now: { type: 'string' },
      format: { type: 'string', default: 'table' },
      file: { type: 'string' },
      timing: { type: 'boolean', default: false },
    },
  });
  const query = queryText(positionals, values.file, io);
  const format = values.format;
  if (format !== 'json' && format !== 'table' && format !== 'csv') throw new UsageError(`unknown --format ${format}; expected json, table or csv`);
  const now = values.now === undefined ? Date.now() * 1000 : parseDatetime(values.now);
  if (now === null) throw new UsageError(`--now ${values.now} is not a datetime (use ISO 8601, e.g. 2024-05-01T00:00:00Z)`);

  const loadStarted = performance.now();
  const source = await openWorkspaceSource(values.workspace);
  const loadMs = performance.now() - loadStarted;
  try {
    const result = await runQuery(query, source.schema, source, { now });
    const output = format === 'json' ? `${toJson(result.table, result.visualization)}\n` : format === 'csv' ? toCsv(result.table) : toText(result.table);
    io.out(output);
    if (values.timing) {
      const load = loadMs + source.readMs();
      io.err(`timing: load=${load.toFixed(0)}ms analyze=${result.timing.analyzeMs.toFixed(0)}ms execute=${(result.timing.executeMs - source.readMs()).toFixed(0)}ms\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof KqlError) {
      io.err(`${error.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`).join('\n')}\n`);
      return 2;
    }
    if (error instanceof NotSupportedError || error instanceof EngineLimitError) {
      io.err(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

function queryText(positionals: string[], file: string | undefined, io: QueryIo): string {
  if (file !== undefined) {
    if (positionals.length > 0) throw new UsageError('give the query as an argument or with --file, not both');
    try {
      return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  if (positionals.length !== 1) throw new UsageError('query needs exactly one QUERY argument, --file F, or - for standard input');
  return positionals[0] === '-' ? io.readStdin() : positionals[0];
}
