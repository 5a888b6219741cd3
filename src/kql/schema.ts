// Plain descriptions of what a workspace holds: the built-in schemas, a `--schema FILE`,
// and the live schema a connected workspace sends to the language server all use them.

export const KUSTO_TYPES = ['bool', 'int', 'long', 'real', 'decimal', 'string', 'datetime', 'timespan', 'guid', 'dynamic'] as const;
export type KustoType = (typeof KUSTO_TYPES)[number];

export interface ColumnSchema {
  name: string;
  type: KustoType;
  description?: string;
}

export interface TableSchema {
  name: string;
  columns: ColumnSchema[];
  description?: string;
  /** An open table accepts columns it does not list (as dynamic), e.g. a watchlist's. */
  open?: boolean;
}

export interface FunctionSchema {
  name: string;
  /** Parameter list in KQL syntax, e.g. `(watchlistAlias:string)`; `()` when empty. */
  parameters: string;
  /** The KQL body in braces, e.g. `{ T | take 1 }`. Without it, `result` describes what it returns. */
  body?: string;
  result?: TableSchema;
  description?: string;
}

export interface WorkspaceSchema {
  tables: TableSchema[];
  functions: FunctionSchema[];
  /**
   * True when this is the whole schema of a real workspace: a name it does not know is then
   * an error. While false, unknown tables and functions are hints (the workspace's own tables,
   * ASIM parsers).
   */
  complete: boolean;
}

export class SchemaError extends Error {}

/** Merges schemas; a later table or function of the same name replaces an earlier one. */
export function mergeSchemas(...schemas: WorkspaceSchema[]): WorkspaceSchema {
  const tables = new Map<string, TableSchema>();
  const functions = new Map<string, FunctionSchema>();
  for (const schema of schemas) {
    for (const table of schema.tables) tables.set(table.name, table);
    for (const fn of schema.functions) functions.set(fn.name, fn);
  }
  return {
    tables: [...tables.values()],
    functions: [...functions.values()],
    complete: schemas.some((schema) => schema.complete),
  };
}

/**
 * Validates untrusted schema JSON (a `--schema` file, a message from the extension).
 * `where` names the source in error messages.
 */
export function parseWorkspaceSchema(value: unknown, where: string): WorkspaceSchema {
  const root = expectObject(value, where);
  const tables = expectArray(root.tables ?? [], `${where}: tables`).map((table, i) => parseTable(table, `${where}: tables[${i}]`));
  const functions = expectArray(root.functions ?? [], `${where}: functions`).map((fn, i) => parseFunction(fn, `${where}: functions[${i}]`));
  if (root.complete !== undefined && typeof root.complete !== 'boolean') throw new SchemaError(`${where}: complete must be true or false`);
  return { tables, functions, complete: root.complete === true };
}

function parseTable(value: unknown, where: string): TableSchema {
  const table = expectObject(value, where);
  const name = expectName(table.name, `${where}.name`);
  const columns = expectArray(table.columns, `${where}.columns (table ${name})`).map((column, i) => {
    const c = expectObject(column, `${where}.columns[${i}]`);
    const columnName = expectName(c.name, `${where}.columns[${i}].name`);
    const type = typeof c.type === 'string' ? normaliseType(c.type) : undefined;
    if (!type) throw new SchemaError(`${where}: column ${columnName} has type ${JSON.stringify(c.type)}; expected one of ${KUSTO_TYPES.join(', ')}`);
    return { name: columnName, type, description: optionalString(c.description, `${where}.columns[${i}].description`) };
  });
  return { name, columns, description: optionalString(table.description, `${where}.description`), open: table.open === true };
}

function parseFunction(value: unknown, where: string): FunctionSchema {
  const fn = expectObject(value, where);
  const name = expectName(fn.name, `${where}.name`);
  const parameters = fn.parameters === undefined ? '()' : optionalString(fn.parameters, `${where}.parameters`) ?? '()';
  const body = optionalString(fn.body, `${where}.body`);
  const result = fn.result === undefined ? undefined : parseTable(fn.result, `${where}.result`);
  return { name, parameters: parameters.trim().startsWith('(') ? parameters : `(${parameters})`, body, result, description: optionalString(fn.description, `${where}.description`) };
}

/** Log Analytics' metadata API spells types its own way (`Int64`, `DateTime`, `boolean` ...). */
export function normaliseType(type: string): KustoType | undefined {
  const lower = type.toLowerCase().replace(/^system\./, '');
  const aliases: Record<string, KustoType> = {
    boolean: 'bool', sbyte: 'bool', int32: 'int', int64: 'long', double: 'real', float: 'real',
    sqldecimal: 'decimal', object: 'dynamic', timespan: 'timespan', time: 'timespan', uniqueid: 'guid',
    date: 'datetime',
  };
  if ((KUSTO_TYPES as readonly string[]).includes(lower)) return lower as KustoType;
  return aliases[lower];
}

function expectObject(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SchemaError(`${where}: expected an object`);
  return value as Record<string, unknown>;
}

function expectArray(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new SchemaError(`${where}: expected an array`);
  return value;
}

function expectName(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new SchemaError(`${where}: expected a non-empty name`);
  return value;
}

function optionalString(value: unknown, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new SchemaError(`${where}: expected a string`);
  return value;
}
