// Aggregations written as expressions over aggregate calls (`100 * count()`, `sum(a) / count()`):
// each aggregate call is computed per group into a hidden column, and the expression is then
// evaluated over those columns. Used by summarize, make-series and top-nested.
import { NotSupportedError } from '../errors';
import type { Aggregation, Expr } from '../ir/plan';
import { lowerExpression, typeOf, type AggregateSink, type ExprContext } from './expressions';
import { callArguments, callName, kindName, text, type Node } from './syntax';

/** Aggregates that yield rows or several columns: only as a whole summarize aggregate. */
const WIDE = new Set(['arg_max', 'arg_min', 'argmax', 'argmin', 'percentiles', 'percentiles_array']);

/** A column name no query can write: hidden aggregate results never reach the output. */
export function hiddenName(ctx: ExprContext): string {
  return `\u0000agg${ctx.scope.nextId()}`;
}

class Collector implements AggregateSink {
  readonly calls: Aggregation['calls'] = [];

  constructor(private readonly ctx: ExprContext) {}

  aggregate(call: Node): Expr {
    const fn = callName(call);
    const args = callArguments(call);
    if (WIDE.has(fn) || ((fn === 'take_any' || fn === 'any') && (args.length > 1 || kindName(args[0]) === 'StarExpression'))) {
      throw new NotSupportedError(`${text(call)} inside an expression`);
    }
    const inner: ExprContext = { ...this.ctx, aggregates: undefined };
    const name = hiddenName(this.ctx);
    const type = typeOf(call);
    this.calls.push({ kind: 'aggregate', name, fn, args: args.map((a) => lowerExpression(a, inner)), type });
    return { kind: 'column', name, type };
  }
}

/** An aggregation: an aggregate call, or an expression over aggregate calls. */
export function lowerAggregation(node: Node, ctx: ExprContext): Aggregation {
  const collector = new Collector(ctx);
  const value = lowerExpression(node, { ...ctx, aggregates: collector });
  if (collector.calls.length === 0) throw new NotSupportedError(`${text(node)} as an aggregation (no aggregate function)`);
  return { calls: collector.calls, value };
}
