// Evaluates an IR expression over a table, column-wise.
import { constantColumn } from '../data/builder';
import type { Column } from '../data/column';
import type { Table } from '../data/table';
import { NotSupportedError } from '../errors';
import { dynamicIndex, scalarFunctions } from '../functions';
import type { Expr } from '../ir/plan';
import type { ExecContext } from './context';
import { rowFunctions } from './row-functions';
import { scalarOf } from './scalar-of';

export function evaluate(expr: Expr, table: Table, context: ExecContext): Column {
  switch (expr.kind) {
    case 'literal': return constantColumn(expr.type, expr.value, table.rowCount);
    case 'column': {
      const column = table.column(expr.name);
      if (!column) throw new Error(`internal: column ${expr.name} is not in [${table.names.join(', ')}]`);
      return column;
    }
    case 'call': {
      const rowFunction = rowFunctions.get(expr.name);
      if (rowFunction) return rowFunction(table, expr.args.map((arg) => evaluate(arg, table, context)), expr.type);
      const fn = scalarFunctions.get(expr.name);
      if (!fn) throw new NotSupportedError(`the function or operator ${expr.name}`);
      const args = expr.args.map((arg) => evaluate(arg, table, context));
      return fn.evaluate(args, expr.type, table.rowCount, context);
    }
    case 'member': return dynamicIndex(evaluate(expr.target, table, context), typeof expr.key === 'object' ? evaluate(expr.key, table, context) : expr.key);
    case 'scalar-of': return constantColumn(expr.list ? 'dynamic' : expr.type, scalarOf(expr, context), table.rowCount);
  }
}
