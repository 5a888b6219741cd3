// Evaluates an IR expression over a table, column-wise.
import { constantColumn } from '../data/builder';
import type { Column } from '../data/column';
import { Table } from '../data/table';
import { NotSupportedError } from '../errors';
import { dynamicIndex, scalarFunctions } from '../functions';
import type { Expr } from '../ir/plan';
import type { ExecContext } from './context';
import { rowFunctions } from './row-functions';
import { scalarOf } from './scalar-of';

const ONE_ROW = new Table([], [], 1);
/** Functions whose value depends on something other than their arguments. */
const NOT_CONSTANT = new Set(['rand', 'new_guid']);
const constantCalls = new WeakMap<Expr, boolean>();

/** A call whose arguments are all constant has one value for every row. */
function isConstant(expr: Expr): boolean {
  switch (expr.kind) {
    case 'literal': case 'scalar-of': return true;
    case 'column': return false;
    case 'member': return isConstant(expr.target) && (typeof expr.key !== 'object' || isConstant(expr.key));
    case 'call': {
      let constant = constantCalls.get(expr);
      if (constant === undefined) {
        constant = !rowFunctions.has(expr.name) && !NOT_CONSTANT.has(expr.name) && expr.args.every(isConstant);
        constantCalls.set(expr, constant);
      }
      return constant;
    }
  }
}

export function evaluate(expr: Expr, table: Table, context: ExecContext): Column {
  if (expr.kind === 'call' && table.rowCount > 1 && isConstant(expr)) {
    // Computed once (ago(1d), startofday(x) - 7d ...), then repeated, instead of once per row.
    return constantColumn(expr.type, evaluateCall(expr, ONE_ROW, context).get(0), table.rowCount);
  }
  switch (expr.kind) {
    case 'literal': return constantColumn(expr.type, expr.value, table.rowCount);
    case 'column': {
      const column = table.column(expr.name);
      if (!column) throw new Error(`internal: column ${expr.name} is not in [${table.names.join(', ')}]`);
      return column;
    }
    case 'call': return evaluateCall(expr, table, context);
    case 'member': return dynamicIndex(evaluate(expr.target, table, context), typeof expr.key === 'object' ? evaluate(expr.key, table, context) : expr.key);
    case 'scalar-of': return constantColumn(expr.list ? 'dynamic' : expr.type, scalarOf(expr, context), table.rowCount);
  }
}

function evaluateCall(expr: Extract<Expr, { kind: 'call' }>, table: Table, context: ExecContext): Column {
  const rowFunction = rowFunctions.get(expr.name);
  if (rowFunction) return rowFunction(table, expr.args.map((arg) => evaluate(arg, table, context)), expr.type);
  const fn = scalarFunctions.get(expr.name);
  if (!fn) throw new NotSupportedError(`the function or operator ${expr.name}`);
  const args = expr.args.map((arg) => evaluate(arg, table, context));
  return fn.evaluate(args, expr.type, table.rowCount, context);
}
