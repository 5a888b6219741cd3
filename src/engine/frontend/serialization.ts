// Window functions (prev, next, row_cumsum, row_number ...) need a serialized row set: Kusto
// refuses them elsewhere, and the engine does too rather than answer from an arbitrary order.
// Serialized: the output of sort, top, range, serialize, and of datatable and print (their
// order is the query's), and an mv-apply subquery's input (its array's order); extend,
// project, where, take, parse and mv-expand keep it.
import { NotSupportedError } from '../errors';
import type { Plan } from '../ir/plan';

const WINDOW_FUNCTIONS = new Set(['prev', 'next', 'row_cumsum', 'row_number', 'row_rank_dense', 'row_rank_min', 'row_window_session']);

function isSerialized(plan: Plan): boolean {
  switch (plan.kind) {
    case 'sort': case 'top': case 'range': case 'serialize': case 'values': case 'print': case 'apply-input':
      return true;
    case 'extend': case 'project': case 'filter': case 'take': case 'parse': case 'mv-expand':
      return isSerialized(plan.input);
    case 'shared':
      return isSerialized(plan.plan);
    default:
      return false;
  }
}

/** The first window function called by the node's own expressions (not its input's, not subqueries'). */
function windowCall(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = windowCall(item);
      if (found) return found;
    }
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const node = value as { kind?: string; name?: string; args?: unknown };
  if (node.kind === 'scalar-of' || node.kind === 'literal') return undefined;
  if (node.kind === 'call' && WINDOW_FUNCTIONS.has(node.name ?? '')) return node.name;
  for (const [key, child] of Object.entries(node)) {
    if (key === 'input' || key === 'plan' || key === 'subquery') continue;
    const found = windowCall(child);
    if (found) return found;
  }
  return undefined;
}

/** Refuses a window function over rows that are not serialized. */
export function checkSerialized(plan: Plan): void {
  if (!('input' in plan) || !plan.input) return;
  const call = windowCall(plan);
  if (call && !isSerialized(plan.input)) {
    throw new NotSupportedError(`${call}() over rows that are not serialized (Kusto requires serialize or sort before window functions)`);
  }
}
