// toscalar() and subqueries used as lists: run once per query, memoised by id.
import type { Value } from '../data/column';
import type { Expr } from '../ir/plan';
import type { ExecContext } from './context';
import { executePlan } from './execute';

export function scalarOf(expr: Extract<Expr, { kind: 'scalar-of' }>, context: ExecContext): Value {
  const key = expr.id;
  if (!context.memo.has(key)) {
    const table = executePlan(expr.plan, context);
    const first = table.columns[0];
    let value: Value = null;
    if (expr.list) {
      value = first ? Array.from({ length: table.rowCount }, (_, i) => first.get(i)) as Value : [];
    } else if (first && table.rowCount > 0) {
      value = first.get(0);
    }
    context.memo.set(key, value);
  }
  return context.memo.get(key) as Value;
}
