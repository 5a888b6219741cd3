// The Log Analytics metadata API's answer (tables, columns, functions) as the language server's
// WorkspaceSchema. Types are spelled the service's way (string, datetime, Int64 ...).
import { normaliseType, type ColumnSchema, type FunctionSchema, type TableSchema, type WorkspaceSchema } from '../../kql/schema';

interface MetadataColumn {
  name?: unknown;
  type?: unknown;
  description?: unknown;
}

interface MetadataTable {
  name?: unknown;
  description?: unknown;
  columns?: unknown;
}

interface MetadataFunction {
  name?: unknown;
  parameters?: unknown;
  body?: unknown;
  description?: unknown;
  displayName?: unknown;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export interface MetadataSchema {
  schema: WorkspaceSchema;
  /** The workspace's name, when the answer gives it. */
  workspaceName?: string;
}

export function metadataToSchema(body: unknown): MetadataSchema {
  const root = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const tables = new Map<string, TableSchema>();
  for (const raw of list(root.tables) as MetadataTable[]) {
    const name = text(raw?.name);
    if (!name) continue;
    const columns: ColumnSchema[] = [];
    for (const c of list(raw.columns) as MetadataColumn[]) {
      const columnName = text(c?.name);
      if (!columnName) continue;
      // A type the analyzer does not know still names a column: dynamic accepts any use.
      columns.push({ name: columnName, type: (typeof c.type === 'string' && normaliseType(c.type)) || 'dynamic', description: text(c.description) });
    }
    tables.set(name, { name, columns, description: text(raw.description) });
  }
  const functions: FunctionSchema[] = [];
  for (const raw of list(root.functions) as MetadataFunction[]) {
    const name = text(raw?.name);
    const body = text(raw?.body);
    if (!name || !body) continue;
    const parameters = (text(raw.parameters) ?? '').trim();
    functions.push({
      name,
      parameters: parameters.startsWith('(') ? parameters : `(${parameters})`,
      body: body.trim().startsWith('{') ? body : `{\n${body}\n}`,
      description: text(raw.description) ?? text(raw.displayName),
    });
  }
  const workspace = list(root.workspaces)[0] as { name?: unknown } | undefined;
  return { schema: { tables: [...tables.values()], functions, complete: true }, workspaceName: text(workspace?.name) };
}
