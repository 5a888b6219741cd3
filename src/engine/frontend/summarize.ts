// summarize: by-expressions and aggregates, with the output names Kusto.Language gives. An
// aggregate that is an expression over aggregate calls (`v = 100 * count()`) is computed as
// hidden aggregate columns, then a project evaluates the expression over them.
import type { Field } from '../data/table';
import { NotSupportedError } from '../errors';
import type { AggregateCall, Assignment, Expr, Plan } from '../ir/plan';
import { lowerAggregation } from './aggregation';
import { lowerExpression } from './expressions';
import type { OperatorContext } from './operators';
import { fieldsOf } from './types';
import { callArguments, callName, child, elements, kindName, named, text, type Node } from './syntax';

export function lowerSummarize(node: Node, input: Plan, ctx: OperatorContext): Plan {
  const fields = fieldsOf(node);
  const byExpressions = elements<Node>(child(child<Node>(node, 'ByClause') ?? node, 'Expressions'));
  const by: Assignment[] = byExpressions.map((e, i) => ({ name: fields[i].name, expr: lowerExpression(named(e).expr, ctx) }));
  let position = by.length;
  const aggregates: AggregateCall[] = [];
  /** The summarize's output columns, when some are expressions over hidden aggregate columns. */
  const outputs: Assignment[] = by.map((b, i) => column(b.name, fields[i]));
  let computed = false;
  for (const e of elements<Node>(child(node, 'Aggregates'))) {
    const call = named(e).expr;
    if (kindName(call) === 'FunctionCallExpression' && ctx.query.isAggregate(call)) {
      const { calls, width } = lowerAggregateCall(call, e, node, fields, position, ctx);
      aggregates.push(...calls);
      outputs.push(...fields.slice(position, position + width).map((f) => column(f.name, f)));
      position += width;
    } else {
      const field = fields[position++];
      const aggregation = lowerAggregation(call, ctx);
      aggregates.push(...aggregation.calls);
      outputs.push({ name: field.name, expr: aggregation.value });
      computed = true;
    }
  }
  if (!computed) return { kind: 'summarize', input, by, aggregates, fields };
  const inner: Field[] = [...fields.slice(0, by.length), ...aggregates.flatMap(aggregateFields)];
  return { kind: 'project', input: { kind: 'summarize', input, by, aggregates, fields: inner }, columns: outputs };
}

function column(name: string, field: Field): Assignment {
  return { name, expr: { kind: 'column', name, type: field.type } };
}

function aggregateFields(call: AggregateCall): Field[] {
  switch (call.kind) {
    case 'aggregate': return [{ name: call.name, type: call.type }];
    case 'pick-row': return call.outputs.map((o) => ({ name: o.name, type: o.expr.type }));
    case 'percentiles': return call.names.map((name) => ({ name, type: call.type }));
  }
}

const PERCENTILES = new Set(['percentiles', 'percentiles_array']);

/** One aggregate call of the summarize and how many output columns it fills from `position`. */
function lowerAggregateCall(call: Node, element: Node, summarize: Node, fields: Field[], position: number, ctx: OperatorContext): { calls: AggregateCall[]; width: number } {
  const fn = callName(call);
  const args = callArguments(call);
  const lower = (n: Node): Expr => lowerExpression(n, ctx);
  if (fn === 'arg_max' || fn === 'arg_min') {
    const width = fields.length - position - remainingWidth(element, summarize);
    const outputs = fields.slice(position + 1, position + width).map((f) => ({
      name: f.name,
      expr: { kind: 'column' as const, name: sourceName(f.name, ctx.inputFields), type: f.type },
    }));
    const byExpr = lower(args[0]);
    return { calls: [{ kind: 'pick-row', pick: fn === 'arg_max' ? 'max' : 'min', by: [byExpr], outputs: [{ name: fields[position].name, expr: byExpr }, ...outputs] }], width };
  }
  if ((fn === 'take_any' || fn === 'any') && (args.length > 1 || kindName(args[0]) === 'StarExpression')) {
    const star = kindName(args[0]) === 'StarExpression';
    const sources: Expr[] = star ? ctx.inputFields.map((f) => ({ kind: 'column' as const, name: f.name, type: f.type })) : args.map(lower);
    const outputs = sources.map((expr, i) => ({ name: fields[position + i].name, expr }));
    return { calls: [{ kind: 'pick-row', pick: 'any', by: sources, outputs }], width: sources.length };
  }
  if (PERCENTILES.has(fn)) {
    if (fn === 'percentiles_array') throw new NotSupportedError('percentiles_array');
    const percents = args.slice(1).map((a) => Number(text(a)));
    const names = fields.slice(position, position + percents.length).map((f) => f.name);
    return { calls: [{ kind: 'percentiles', value: lower(args[0]), percents, names, type: fields[position + percents.length - 1].type }], width: percents.length };
  }
  const field = fields[position];
  return { calls: [{ kind: 'aggregate', name: field.name, fn, args: args.map(lower), type: field.type }], width: 1 };
}

/** How many output columns the aggregates after `aggregate` produce (arg_max(x, *) is wide). */
function remainingWidth(aggregate: Node, summarize: Node): number {
  const all = elements<Node>(child(summarize, 'Aggregates'));
  const rest = all.slice(all.indexOf(aggregate) + 1);
  if (rest.some((e) => /^arg_m(ax|in)\s*\(/i.test(text(named(e).expr)))) {
    throw new NotSupportedError('more than one arg_max/arg_min in one summarize');
  }
  return rest.reduce((width, e) => {
    const call = named(e).expr;
    const name = text(child<Node>(call, 'Name') ?? call).toLowerCase();
    return width + (name === 'percentiles' ? callArguments(call).length - 1 : 1);
  }, 0);
}

/** arg_max(x, *) renames a clashing column `A` to `A1`: find the input column it came from. */
function sourceName(outputName: string, inputFields: Field[]): string {
  if (inputFields.some((f) => f.name === outputName)) return outputName;
  const base = outputName.replace(/\d+$/, '');
  return inputFields.some((f) => f.name === base) ? base : outputName;
}
