// A plan rewrite: a scan read by a chain of filter / extend / sort / take / top that ends in
// project or summarize keeps only the columns the chain uses, so filters do not copy columns
// nobody reads. Anything else is left as it is (no pruning below it): safe by default.
import type { AggregateCall, Expr, Plan } from './plan';

type Needed = ReadonlySet<string> | 'all';

function union(a: Needed, b: Needed): Needed {
  if (a === 'all' || b === 'all') return 'all';
  return new Set([...a, ...b]);
}

/** Columns an expression reads; 'all' when it reads the whole row (pack_all). */
function refs(expr: Expr): Needed {
  switch (expr.kind) {
    case 'column': return new Set([expr.name]);
    case 'literal': case 'scalar-of': return new Set();
    case 'member': return union(refs(expr.target), typeof expr.key === 'object' ? refs(expr.key) : new Set());
    case 'call': return expr.name === 'pack_all' ? 'all' : expr.args.map(refs).reduce(union, new Set<string>());
  }
}

function allRefs(exprs: Expr[]): Needed {
  return exprs.map(refs).reduce(union, new Set<string>());
}

function aggregateExprs(call: AggregateCall): Expr[] {
  switch (call.kind) {
    case 'aggregate': return call.args;
    case 'pick-row': return [...call.by, ...call.outputs.map((o) => o.expr)];
    case 'percentiles': return [call.value];
  }
}

export function pruneColumns(plan: Plan): Plan {
  switch (plan.kind) {
    case 'project': return { ...plan, input: pruneChain(plan.input, allRefs(plan.columns.map((c) => c.expr))) };
    case 'summarize':
      return { ...plan, input: pruneChain(plan.input, allRefs([...plan.by.map((b) => b.expr), ...plan.aggregates.flatMap(aggregateExprs)])) };
    case 'filter': case 'extend': case 'sort': case 'take': case 'top': case 'count':
      return { ...plan, input: pruneColumns(plan.input) } as Plan;
    case 'join': return { ...plan, left: pruneColumns(plan.left), right: pruneColumns(plan.right) };
    case 'union': return { ...plan, inputs: plan.inputs.map(pruneColumns) };
    case 'shared': return { ...plan, plan: pruneColumns(plan.plan) };
    default: return plan;
  }
}

/** The plan below an operator that reads only `needed` of its input's columns. */
function pruneChain(plan: Plan, needed: Needed): Plan {
  if (needed === 'all') return pruneColumns(plan);
  switch (plan.kind) {
    case 'scan': {
      const fields = plan.fields.filter((f) => needed.has(f.name));
      return fields.length === plan.fields.length ? plan : { ...plan, fields };
    }
    case 'filter': return { ...plan, input: pruneChain(plan.input, union(needed, refs(plan.predicate))) };
    case 'take': return { ...plan, input: pruneChain(plan.input, union(needed, refs(plan.count))) };
    case 'sort': case 'top':
      return { ...plan, input: pruneChain(plan.input, union(needed, allRefs(plan.keys.map((k) => k.expr)))) } as Plan;
    case 'extend': {
      const defined = new Set(plan.columns.map((c) => c.name));
      const fromInput = new Set([...needed].filter((name) => !defined.has(name)));
      return { ...plan, input: pruneChain(plan.input, union(fromInput, allRefs(plan.columns.map((c) => c.expr)))) };
    }
    default: return pruneColumns(plan);
  }
}
