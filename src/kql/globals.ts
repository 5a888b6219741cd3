// Turns a plain WorkspaceSchema into Kusto.Language's GlobalState (the binder's view of
// the database: tables, columns, functions).
import { kustoLanguage } from './kusto';
import type { ColumnSchema, TableSchema, WorkspaceSchema } from './schema';
import { SchemaError } from './schema';

export const DATABASE_NAME = 'workspace';

export function buildGlobals(schema: WorkspaceSchema): Kusto.Language.GlobalState {
  const L = kustoLanguage();
  const members: Kusto.Language.Symbols.Symbol[] = [
    ...schema.tables.map(tableSymbol),
    ...schema.functions.map((fn) => {
      try {
        if (fn.body) return new L.Symbols.FunctionSymbol.$ctor16(fn.name, fn.parameters, fn.body, fn.description ?? null);
        const result = tableSymbol(fn.result ?? { name: fn.name, columns: [], open: true });
        const parameters = L.Symbols.Parameter.ParseList(fn.parameters);
        return new L.Symbols.FunctionSymbol.$ctor6(fn.name, result, parameters, fn.description ?? null);
      } catch (error) {
        throw new SchemaError(`function ${fn.name}: cannot read parameters ${fn.parameters}: ${String(error)}`);
      }
    }),
  ];
  const database = new L.Symbols.DatabaseSymbol.$ctor2(DATABASE_NAME, null, members);
  return L.GlobalState.Default!.WithDatabase(database)!;
}

function tableSymbol(table: TableSchema): Kusto.Language.Symbols.TableSymbol {
  const L = kustoLanguage();
  const columns = table.columns.map((column) => columnSymbol(column));
  const symbol = new L.Symbols.TableSymbol.$ctor6(table.name, columns as unknown as System.Collections.Generic.IEnumerable$1<Kusto.Language.Symbols.ColumnSymbol>, table.description ?? null);
  return table.open ? symbol.WithIsOpen(true)! : symbol;
}

function columnSymbol(column: ColumnSchema): Kusto.Language.Symbols.ColumnSymbol {
  const L = kustoLanguage();
  const type = L.Symbols.ScalarTypes.GetSymbol(column.type);
  if (!type) throw new SchemaError(`column ${column.name}: unknown type ${column.type}`);
  return new L.Symbols.ColumnSymbol(column.name, type, column.description ?? null, null, null, null);
}
