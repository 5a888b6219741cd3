// Evaluates an IR expression over a table, column-wise.
import { constantColumn } from '../data/builder';
import { NUMERIC_TYPES, NumberColumn, StringColumn, type Column } from '../data/column';
import { Table } from '../data/table';
import { NotSupportedError } from '../errors';
import { MIRRORED, compareToConstant, dynamicIndex, isComparisonOperator, scalarFunctions } from '../functions';
import type { Expr } from '../ir/plan';
import type { ExecContext } from './context';
import { rowFunctions } from './row-functions';
import { gather } from '../data/gather';
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

const columnsOf = new WeakMap<Expr, ReadonlySet<string> | null>();

/** The columns a pure expression reads; null when it is not pure (row functions, rand ...). */
function pureColumns(expr: Expr): ReadonlySet<string> | null {
  if (columnsOf.has(expr)) return columnsOf.get(expr)!;
  let result: Set<string> | null = new Set();
  const add = (inner: Expr) => {
    const columns = pureColumns(inner);
    if (columns === null) result = null;
    else if (result) for (const c of columns) result.add(c);
  };
  switch (expr.kind) {
    case 'column': result.add(expr.name); break;
    case 'member': add(expr.target); if (typeof expr.key === 'object') add(expr.key); break;
    case 'call':
      if (rowFunctions.has(expr.name) || NOT_CONSTANT.has(expr.name)) result = null;
      else expr.args.forEach(add);
      break;
    default: break;
  }
  columnsOf.set(expr, result);
  return result;
}

/**
 * An expression of one string column is evaluated once per distinct value (the column's
 * dictionary) and the results spread to the rows by code: tostring(split(Sender, "@")[1])
 * costs the number of senders, not the number of rows.
 */
function overDictionary(expr: Expr, table: Table, context: ExecContext): Column | undefined {
  if (expr.kind !== 'call' && expr.kind !== 'member') return undefined;
  const columns = pureColumns(expr);
  if (!columns || columns.size !== 1) return undefined;
  const [name] = columns;
  const column = table.column(name);
  if (!(column instanceof StringColumn) || column.type !== 'string' || column.dictionary.length * 2 > table.rowCount) return undefined;
  const entries = column.dictionary.length;
  const identity = new Int32Array(entries);
  for (let i = 0; i < entries; i++) identity[i] = i;
  const distinct = new Table([name], [new StringColumn('string', identity, column.dictionary, column.uniqueDictionary)], entries);
  return gather(evaluateDirect(expr, distinct, context), column.codes);
}

/**
 * `x op c` (or `c op x`) with x a number column and c constant, the usual filter on a time or
 * a count: compared in one pass instead of against a column of repeated constants.
 */
function numberComparedToConstant(expr: Extract<Expr, { kind: 'call' }>, table: Table, context: ExecContext): Column | undefined {
  if (!isComparisonOperator(expr.name) || expr.args.length !== 2) return undefined;
  const [left, right] = expr.args;
  if (!NUMERIC_TYPES.has(left.type) || !NUMERIC_TYPES.has(right.type)) return undefined;
  const rightConstant = isConstant(right);
  if (rightConstant === isConstant(left)) return undefined;
  const [varying, constant] = rightConstant ? [left, right] : [right, left];
  const column = evaluate(varying, table, context);
  if (!(column instanceof NumberColumn)) return undefined;
  const value = evaluate(constant, ONE_ROW, context).get(0);
  if (value !== null && typeof value !== 'number') return undefined;
  return compareToConstant(column, value, rightConstant ? expr.name : MIRRORED[expr.name]);
}

export function evaluate(expr: Expr, table: Table, context: ExecContext): Column {
  if (expr.kind === 'call' && table.rowCount > 1 && isConstant(expr)) {
    // Computed once (ago(1d), startofday(x) - 7d ...), then repeated, instead of once per row.
    return constantColumn(expr.type, evaluateCall(expr, ONE_ROW, context).get(0), table.rowCount);
  }
  return overDictionary(expr, table, context) ?? evaluateDirect(expr, table, context);
}

function evaluateDirect(expr: Expr, table: Table, context: ExecContext): Column {
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
  const compared = numberComparedToConstant(expr, table, context);
  if (compared) return compared;
  const rowFunction = rowFunctions.get(expr.name);
  if (rowFunction) return rowFunction(table, expr.args.map((arg) => evaluate(arg, table, context)), expr.type);
  const fn = scalarFunctions.get(expr.name);
  if (!fn) throw new NotSupportedError(`the function or operator ${expr.name}`);
  const args = expr.args.map((arg) => evaluate(arg, table, context));
  return fn.evaluate(args, expr.type, table.rowCount, context);
}
