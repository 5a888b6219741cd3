// make-series: aggregations (with default=), the axis (`on`), its range (from/to/step or
// `in range(start, stop, step)`) and the `by` groups. Output names come from Kusto.Language:
// the by columns, one array column per aggregation, then the axis.
import { NUMERIC_TYPES, type KqlType } from '../data/column';
import { NotSupportedError } from '../errors';
import type { Expr, Plan, SeriesAggregate } from '../ir/plan';
import { lowerAggregation } from './aggregation';
import { lowerExpression } from './expressions';
import type { OperatorContext } from './operators';
import { child, elements, kindName, named, parameters, text, type Node } from './syntax';
import { fieldsOf } from './types';

const NUMBERS: ReadonlySet<KqlType> = new Set(['int', 'long', 'real', 'decimal']);

export function lowerMakeSeries(node: Node, input: Plan, ctx: OperatorContext): Plan {
  const params = parameters(node);
  for (const [name, value] of params) {
    if (name === 'kind' && value.toLowerCase() === 'nonempty') continue;
    if (!name.startsWith('hint.')) throw new NotSupportedError(`make-series ${name}=${value}`);
  }
  const fields = fieldsOf(node);
  const lower = (n: Node): Expr => lowerExpression(n, ctx);
  const byNodes = elements<Node>(child(child<Node>(node, 'ByClause') ?? node, 'Expressions'));
  const by = byNodes.map((e, i) => ({ name: fields[i].name, expr: lower(named(e).expr) }));
  const aggregates: SeriesAggregate[] = elements<Node>(child(node, 'Aggregates')).map((e, i) => {
    const call = named(child<Node>(e, 'Expression')!).expr;
    const aggregation = lowerAggregation(call, ctx);
    if (!NUMBERS.has(aggregation.value.type)) throw new NotSupportedError(`make-series of ${text(call)} (a ${aggregation.value.type}, not a number)`);
    const defaultClause = child<Node>(e, 'DefaultExpression');
    const defaultValue: Expr = defaultClause ? lower(child<Node>(defaultClause, 'Expression')!) : { kind: 'literal', type: aggregation.value.type, value: 0 };
    return { name: fields[by.length + i].name, aggregation, defaultValue };
  });
  const axisExpr = lower(child<Node>(child<Node>(node, 'OnClause')!, 'Expression')!);
  if (!NUMERIC_TYPES.has(axisExpr.type)) throw new NotSupportedError(`make-series on a ${axisExpr.type} axis`);
  const axis = { name: fields[fields.length - 1].name, expr: axisExpr, type: axisExpr.type };
  return { kind: 'make-series', input, by, aggregates, axis, range: lowerRange(child<Node>(node, 'RangeClause')!, lower), nonEmpty: params.has('kind'), fields };
}

function lowerRange(clause: Node, lower: (n: Node) => Expr): Extract<Plan, { kind: 'make-series' }>['range'] {
  if (kindName(clause) === 'MakeSeriesInRangeClause') {
    const [from, to, step] = elements<Node>(child(child<Node>(clause, 'Arguments')!, 'Expressions')).map(lower);
    return { syntax: 'in-range', from, to, step };
  }
  const part = (name: string): Expr | undefined => {
    const partClause = child<Node>(clause, name);
    const expression = partClause && child<Node>(partClause, 'Expression');
    return expression ? lower(expression) : undefined;
  };
  const step = part('MakeSeriesStepClause');
  if (!step) throw new NotSupportedError('make-series without step');
  return { syntax: 'from-to', from: part('MakeSeriesFromClause'), to: part('MakeSeriesToClause'), step };
}
