// `sentinel-hunt import --workspace DIR --table NAME [--format F] [--type col=type ...] FILE...`
// Appends files to a table of a local workspace (created with the files' columns if missing).
// Every file is read and checked before anything is written: one bad file writes nothing.
import { parseArgs } from 'node:util';
import type { Table } from '../../engine/data/table';
import { KUSTO_TYPES, type KustoType } from '../../kql/schema';
import { LocalWorkspace, importFile, type ImportFormat } from '../../store';
import { UsageError } from '../usage-error';

export const importUsage = `sentinel-hunt import --workspace DIR --table NAME [--format csv|json|ndjson|parquet] [--type COLUMN=TYPE ...] FILE...
  Appends CSV, JSON, NDJSON or Parquet files to a table of a local workspace (the folder and
  the table are created if missing). Types are inferred unless given with --type.
  A malformed file is reported with its line and column, and nothing is written.`;

const FORMATS: readonly ImportFormat[] = ['csv', 'json', 'ndjson', 'parquet'];

export async function runImport(argv: string[], out: (text: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      workspace: { type: 'string' },
      table: { type: 'string' },
      format: { type: 'string' },
      type: { type: 'string', multiple: true },
    },
  });
  if (!values.workspace) throw new UsageError('import needs --workspace DIR');
  if (!values.table) throw new UsageError('import needs --table NAME');
  if (positionals.length === 0) throw new UsageError('import needs at least one FILE');
  const format = values.format as ImportFormat | undefined;
  if (format !== undefined && !FORMATS.includes(format)) throw new UsageError(`unknown --format ${format}; expected ${FORMATS.join(', ')}`);
  const types = columnTypes(values.type ?? []);

  const tables: Table[] = [];
  for (const file of positionals) tables.push(await importFile(file, { format, types }));
  const workspace = await LocalWorkspace.open(values.workspace, { create: true });
  const exists = workspace.tables().some((t) => t.name === values.table);
  const create = exists ? [] : [{ name: values.table, columns: tables[0].schema }];
  await workspace.commit({ create, appends: tables.map((data) => ({ table: values.table!, data })) });
  const rows = tables.reduce((sum, t) => sum + t.rowCount, 0);
  out(`imported ${rows} rows from ${positionals.length} file(s) into ${values.table} (${workspace.table(values.table).rowCount} rows in all)\n`);
  return 0;
}

function columnTypes(specs: string[]): Record<string, KustoType> {
  const types: Record<string, KustoType> = {};
  for (const spec of specs) {
    const match = /^([^=]+)=(\w+)$/.exec(spec);
    if (!match || !(KUSTO_TYPES as readonly string[]).includes(match[2])) {
      throw new UsageError(`--type ${spec}: expected COLUMN=TYPE with TYPE one of ${KUSTO_TYPES.join(', ')}`);
    }
    types[match[1]] = match[2] as KustoType;
  }
  return types;
}
