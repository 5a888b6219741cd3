// `sentinel-hunt check [--profile P] [--schema FILE] [--hints] FILE... | -`
// The editor's diagnostics for .kql files, one line each, for linting hunts in CI.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  KqlLanguageService, PROFILE_NAMES, builtinSchema, mergeSchemas, parseWorkspaceSchema, type KqlDiagnostic, type ProfileName,
} from '../../kql';
import { LineIndex } from '../line-index';
import { UsageError } from '../usage-error';

export const checkUsage = `sentinel-hunt check [--profile classic|dcr|mdo] [--schema FILE] [--hints] FILE... | -
  Prints diagnostics as file:line:col: severity code: message. Exit 1 if any error.
  --profile P    only this message trace profile's table is known (default: all)
  --schema FILE  a workspace schema JSON ({"tables":[{"name","columns":[{"name","type"}]}],"functions":[...],"complete":bool})
  --hints        also print hints (e.g. tables without a known schema)`;

export interface CheckIo {
  readStdin(): string;
  out(line: string): void;
}

export function runCheck(argv: string[], io: CheckIo): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      profile: { type: 'string', multiple: true },
      schema: { type: 'string' },
      hints: { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0) throw new UsageError('check needs at least one FILE, or - for standard input');
  const service = new KqlLanguageService(schemaFor(values.profile, values.schema));

  let errors = 0;
  for (const file of positionals) {
    const text = file === '-' ? io.readStdin() : readSource(file);
    const name = file === '-' ? '<stdin>' : file;
    const lines = new LineIndex(text);
    for (const d of service.diagnostics(text)) {
      if (d.severity === 'hint' && !values.hints) continue;
      if (d.severity === 'error') errors++;
      io.out(formatDiagnostic(name, lines, d));
    }
  }
  return errors > 0 ? 1 : 0;
}

function schemaFor(profiles: string[] | undefined, schemaFile: string | undefined) {
  for (const profile of profiles ?? []) {
    if (!(PROFILE_NAMES as readonly string[]).includes(profile)) {
      throw new UsageError(`unknown --profile ${profile}; expected one of ${PROFILE_NAMES.join(', ')}`);
    }
  }
  const builtin = builtinSchema(profiles?.length ? (profiles as ProfileName[]) : undefined);
  if (!schemaFile) return builtin;
  let json: unknown;
  try {
    json = JSON.parse(readSource(schemaFile));
  } catch (error) {
    throw new UsageError(`--schema ${schemaFile} is not valid JSON: ${(error as Error).message}`);
  }
  return mergeSchemas(builtin, parseWorkspaceSchema(json, schemaFile));
}

function readSource(file: string): string {
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export function formatDiagnostic(file: string, lines: LineIndex, d: KqlDiagnostic): string {
  const { line, column } = lines.position(d.start);
  return `${file}:${line}:${column}: ${d.severity} ${d.code}: ${d.message}`;
}
