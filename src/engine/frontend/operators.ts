// Lowers tabular operators (the right side of `|`) into plan nodes. Output column names come
// from Kusto.Language's result type of each operator, so naming rules (Column1, count_,
// join's duplicate names ...) are Microsoft's, not re-implemented here.
import type { Field } from '../data/table';
import { NotSupportedError } from '../errors';
import type { AggregateCall, Assignment, JoinKind, Plan, SortKey, Visualization } from '../ir/plan';
import { lowerExpression, typeOf } from './expressions';
import type { QueryLowering } from './query';
import type { Scope } from './scope';
import { child, elements, kindName, parameters, resultColumns, text, type Node } from './syntax';
import { engineType } from './types';

export interface OperatorContext {
  scope: Scope;
  query: QueryLowering;
  /** Output fields of the input plan. */
  inputFields: Field[];
}

export function fieldsOf(node: Node): Field[] {
  return resultColumns(node).map((c) => ({ name: c.name, type: engineType(c.type, `column ${c.name}`) }));
}

export function lowerOperator(node: Node, input: Plan | null, ctx: OperatorContext): Plan {
  const kind = kindName(node);
  const { scope, query } = ctx;
  const expr = (n: Node) => lowerExpression(n, scope, query);
  const needInput = (): Plan => {
    if (!input) throw new NotSupportedError(`${kind} without input`);
    return input;
  };
  switch (kind) {
    case 'FilterOperator': return { kind: 'filter', input: needInput(), predicate: expr(child<Node>(node, 'Condition')!) };
    case 'ProjectOperator': return { kind: 'project', input: needInput(), columns: namedAssignments(node, ctx, false) };
    case 'ExtendOperator': return { kind: 'extend', input: needInput(), columns: namedAssignments(node, ctx, true) };
    case 'ProjectAwayOperator': case 'ProjectKeepOperator': case 'ProjectReorderOperator': case 'ProjectRenameOperator':
      return { kind: 'project', input: needInput(), columns: selectByName(node, kind === 'ProjectRenameOperator' ? renames(node) : new Map()) };
    case 'TakeOperator': return { kind: 'take', input: needInput(), count: expr(child<Node>(node, 'Expression')!) };
    case 'SortOperator': return { kind: 'sort', input: needInput(), keys: elements<Node>(child(node, 'Expressions')).map((e) => sortKey(e, ctx)) };
    case 'TopOperator':
      return { kind: 'top', input: needInput(), count: expr(child<Node>(node, 'Expression')!), keys: [sortKey(child<Node>(node, 'ByExpression')!, ctx)] };
    case 'CountOperator': return { kind: 'count', input: needInput(), name: resultColumns(node)[0]?.name ?? 'Count' };
    case 'DistinctOperator': return { kind: 'distinct', input: needInput(), columns: selectByName(node, new Map()) };
    case 'SummarizeOperator': return lowerSummarize(node, needInput(), ctx);
    case 'UnionOperator': return lowerUnion(node, input, ctx);
    case 'JoinOperator': return lowerJoin(node, needInput(), ctx);
    case 'LookupOperator': return lowerLookup(node, needInput(), ctx);
    case 'PrintOperator': return { kind: 'print', columns: namedAssignments(node, ctx, false) };
    case 'RangeOperator': {
      const field = fieldsOf(node)[0];
      return { kind: 'range', name: field.name, type: field.type, from: expr(child<Node>(node, 'From')!), to: expr(child<Node>(node, 'To')!), step: expr(child<Node>(node, 'Step')!) };
    }
    case 'MvExpandOperator': return lowerMvExpand(node, needInput(), ctx);
    case 'GetSchemaOperator': return { kind: 'getschema', input: needInput() };
    case 'SerializeOperator': case 'AsOperator': case 'ExecuteAndCacheOperator':
      return needInput();
    case 'RenderOperator':
      query.setVisualization(renderOf(node));
      return needInput();
    default:
      throw new NotSupportedError(`the ${text(child<Node>(node, 'Keyword') ?? node).split(/\s/)[0] || kind} operator`);
  }
}

/** project / extend / print: each expression with the name Kusto gives it. */
function namedAssignments(node: Node, ctx: OperatorContext, extend: boolean): Assignment[] {
  const expressions = elements<Node>(child(node, 'Expressions'));
  const output = resultColumns(node).map((c) => c.name);
  const inputNames = new Set(ctx.inputFields.map((f) => f.name));
  const unnamed = extend ? output.filter((name) => !inputNames.has(name)) : output;
  let next = 0;
  return expressions.map((e, i) => {
    if (kindName(e) === 'SimpleNamedExpression') {
      const name = (child<Node>(e, 'Name') as unknown as { SimpleName: string }).SimpleName;
      if (!extend) next = i + 1;
      return { name, expr: lowerExpression(child<Node>(e, 'Expression')!, ctx.scope, ctx.query) };
    }
    if (kindName(e) === 'CompoundNamedExpression') throw new NotSupportedError('(a, b) = ... assignments');
    const name = extend
      ? (kindName(e) === 'NameReference' ? (e as unknown as { SimpleName: string }).SimpleName : unnamed[next++])
      : output[i];
    if (kindName(e) === 'StarExpression') throw new NotSupportedError('project *');
    return { name, expr: lowerExpression(e, ctx.scope, ctx.query) };
  });
}

/** project-away / keep / reorder / rename and distinct: output columns taken by name from the input. */
function selectByName(node: Node, renamed: Map<string, string>): Assignment[] {
  return fieldsOf(node).map((field) => ({
    name: field.name,
    expr: { kind: 'column', name: renamed.get(field.name) ?? field.name, type: field.type },
  }));
}

function renames(node: Node): Map<string, string> {
  const map = new Map<string, string>();
  for (const e of elements<Node>(child(node, 'Expressions'))) {
    const newName = (child<Node>(e, 'Name') as unknown as { SimpleName: string }).SimpleName;
    const old = child<Node>(e, 'Expression')!;
    map.set(newName, (old as unknown as { SimpleName: string }).SimpleName ?? text(old));
  }
  return map;
}

function sortKey(node: Node, ctx: OperatorContext): SortKey {
  const isOrdered = kindName(node) === 'OrderedExpression';
  const ordering = isOrdered ? child<Node>(node, 'Ordering') : null;
  const direction = ordering ? text(child<Node>(ordering, 'AscOrDescKeyword') ?? ordering).toLowerCase() : '';
  const descending = direction !== 'asc';
  const nulls = ordering && child<Node>(ordering, 'NullsClause') ? text(child<Node>(ordering, 'NullsClause')!).toLowerCase() : '';
  return {
    expr: lowerExpression(isOrdered ? child<Node>(node, 'Expression')! : node, ctx.scope, ctx.query),
    descending,
    // Kusto: ascending puts nulls first, descending last, unless told.
    nullsFirst: nulls ? nulls.endsWith('first') : !descending,
  };
}

const PERCENTILES = new Set(['percentiles', 'percentiles_array']);

function lowerSummarize(node: Node, input: Plan, ctx: OperatorContext): Plan {
  const fields = fieldsOf(node);
  const byExpressions = elements<Node>(child(child<Node>(node, 'ByClause') ?? node, 'Expressions'));
  const by: Assignment[] = byExpressions.map((e, i) => ({
    name: fields[i].name,
    expr: lowerExpression(kindName(e) === 'SimpleNamedExpression' ? child<Node>(e, 'Expression')! : e, ctx.scope, ctx.query),
  }));
  let position = by.length;
  const aggregates: AggregateCall[] = elements<Node>(child(node, 'Aggregates')).map((e) => {
    const call = kindName(e) === 'SimpleNamedExpression' ? child<Node>(e, 'Expression')! : e;
    if (kindName(call) !== 'FunctionCallExpression') throw new NotSupportedError(`summarize of ${text(call)} (not an aggregate call)`);
    const fn = (child<Node>(call, 'Name') as unknown as { SimpleName: string }).SimpleName.toLowerCase();
    const args = elements<Node>(child(child<Node>(call, 'ArgumentList')!, 'Expressions'));
    if (fn === 'arg_max' || fn === 'arg_min') {
      const width = fields.length - position - remainingWidth(e, node, fields.length, position);
      const outputs = fields.slice(position + 1, position + width).map((f) => ({
        name: f.name,
        expr: { kind: 'column' as const, name: sourceName(f.name, ctx.inputFields), type: f.type },
      }));
      const byExpr = lowerExpression(args[0], ctx.scope, ctx.query);
      const result: AggregateCall = { kind: 'pick-row', pick: fn === 'arg_max' ? 'max' : 'min', by: [byExpr], outputs: [{ name: fields[position].name, expr: byExpr }, ...outputs] };
      position += width;
      return result;
    }
    if ((fn === 'take_any' || fn === 'any') && (args.length > 1 || kindName(args[0]) === 'StarExpression')) {
      const star = kindName(args[0]) === 'StarExpression';
      const sources = star
        ? ctx.inputFields.map((f) => ({ kind: 'column' as const, name: f.name, type: f.type }))
        : args.map((a) => lowerExpression(a, ctx.scope, ctx.query));
      const outputs = sources.map((expr, i) => ({ name: fields[position + i].name, expr }));
      position += sources.length;
      return { kind: 'pick-row', pick: 'any', by: sources, outputs } as AggregateCall;
    }
    if (PERCENTILES.has(fn)) {
      if (fn === 'percentiles_array') throw new NotSupportedError('percentiles_array');
      const percents = args.slice(1).map((a) => Number(text(a)));
      const names = fields.slice(position, position + percents.length).map((f) => f.name);
      position += percents.length;
      return { kind: 'percentiles', value: lowerExpression(args[0], ctx.scope, ctx.query), percents, names, type: fields[position - 1].type };
    }
    const field = fields[position++];
    return { kind: 'aggregate', name: field.name, fn, args: args.map((a) => lowerExpression(a, ctx.scope, ctx.query)), type: field.type };
  });
  return { kind: 'summarize', input, by, aggregates, fields };
}

/** How many output columns the aggregates after `aggregate` produce (arg_max(x, *) is wide). */
function remainingWidth(aggregate: Node, summarize: Node, total: number, position: number): number {
  const all = elements<Node>(child(summarize, 'Aggregates'));
  const rest = all.slice(all.indexOf(aggregate) + 1);
  if (rest.some((e) => /^arg_m(ax|in)\s*\(/i.test(text(kindName(e) === 'SimpleNamedExpression' ? child<Node>(e, 'Expression')! : e)))) {
    throw new NotSupportedError('more than one arg_max/arg_min in one summarize');
  }
  void total; void position;
  return rest.reduce((width, e) => {
    const call = kindName(e) === 'SimpleNamedExpression' ? child<Node>(e, 'Expression')! : e;
    const name = text(child<Node>(call, 'Name') ?? call).toLowerCase();
    return width + (name === 'percentiles' ? elements(child(child<Node>(call, 'ArgumentList')!, 'Expressions')).length - 1 : 1);
  }, 0);
}

/** arg_max(x, *) renames a clashing column `A` to `A1`: find the input column it came from. */
function sourceName(outputName: string, inputFields: Field[]): string {
  if (inputFields.some((f) => f.name === outputName)) return outputName;
  const base = outputName.replace(/\d+$/, '');
  return inputFields.some((f) => f.name === base) ? base : outputName;
}

function lowerUnion(node: Node, input: Plan | null, ctx: OperatorContext): Plan {
  const params = parameters(node);
  const kind = params.get('kind') ?? 'outer';
  const fields = fieldsOf(node);
  const sourceColumn = params.get('withsource');
  const inputs: Plan[] = input ? [input] : [];
  const sourceNames: string[] = input ? ['union_arg0'] : [];
  for (const e of elements<Node>(child(node, 'Expressions'))) {
    if (kindName(e) === 'NameReference' && !e.ReferencedSymbol) continue; // isfuzzy: a missing table is skipped
    if (e.ResultType && !('Columns' in e.ResultType)) continue;
    inputs.push(ctx.query.lowerTabular(e, ctx.scope));
    sourceNames.push(kindName(e) === 'NameReference' ? text(e) : `union_arg${sourceNames.length}`);
  }
  const dataFields = sourceColumn ? fields.filter((f) => f.name !== sourceColumn) : fields;
  if (kind === 'inner') throw new NotSupportedError('union kind=inner');
  return { kind: 'union', inputs, fields: dataFields, sourceColumn, sourceNames };
}

const JOIN_KINDS = new Set<JoinKind>(['innerunique', 'inner', 'leftouter', 'rightouter', 'fullouter', 'leftanti', 'rightanti', 'leftsemi', 'rightsemi']);

function joinKind(value: string | undefined, fallback: JoinKind): JoinKind {
  const kind = (value ?? fallback).toLowerCase().replace(/^anti$/, 'leftanti').replace(/^leftantisemi$/, 'leftanti').replace(/^rightantisemi$/, 'rightanti');
  if (!JOIN_KINDS.has(kind as JoinKind)) throw new NotSupportedError(`join kind=${value}`);
  return kind as JoinKind;
}

function joinKeys(node: Node): { left: string[]; right: string[] } {
  const condition = child<Node>(node, 'ConditionClause') ?? child<Node>(node, 'LookupClause');
  if (!condition || kindName(condition) !== 'JoinOnClause') throw new NotSupportedError('join without an on clause');
  const left: string[] = [];
  const right: string[] = [];
  for (const e of elements<Node>(child(condition, 'Expressions'))) {
    if (kindName(e) === 'NameReference') {
      const name = (e as unknown as { SimpleName: string }).SimpleName;
      left.push(name);
      right.push(name);
    } else if (kindName(e) === 'EqualExpression') {
      for (const side of [child<Node>(e, 'Left')!, child<Node>(e, 'Right')!]) {
        const path = text(side);
        const match = /^\$(left|right)\.\[?['"]?([^'"\]]+)['"]?\]?$/.exec(path);
        if (!match) throw new NotSupportedError(`join condition ${text(e)}`);
        (match[1] === 'left' ? left : right).push(match[2]);
      }
    } else {
      throw new NotSupportedError(`join condition ${text(e)}`);
    }
  }
  return { left, right };
}

function lowerJoin(node: Node, input: Plan, ctx: OperatorContext): Plan {
  const keys = joinKeys(node);
  const right = ctx.query.lowerTabular(child<Node>(node, 'Expression')!, ctx.scope);
  return { kind: 'join', left: input, right, joinKind: joinKind(parameters(node).get('kind'), 'innerunique'), leftKeys: keys.left, rightKeys: keys.right, fields: fieldsOf(node) };
}

function lowerLookup(node: Node, input: Plan, ctx: OperatorContext): Plan {
  const keys = joinKeys(node);
  const right = ctx.query.lowerTabular(child<Node>(node, 'Expression')!, ctx.scope);
  const kind = joinKind(parameters(node).get('kind'), 'leftouter');
  if (kind !== 'leftouter' && kind !== 'inner') throw new NotSupportedError(`lookup kind=${kind}`);
  return { kind: 'join', left: input, right, joinKind: kind, leftKeys: keys.left, rightKeys: keys.right, fields: fieldsOf(node) };
}

function lowerMvExpand(node: Node, input: Plan, ctx: OperatorContext): Plan {
  const params = parameters(node);
  if (params.has('bagexpansion') || params.has('with_itemindex')) throw new NotSupportedError('mv-expand bagexpansion/with_itemindex');
  const fields = fieldsOf(node);
  const columns = elements<Node>(child(node, 'Expressions')).map((e) => {
    let inner = child<Node>(e, 'Expression') ?? e;
    let name: string;
    if (kindName(inner) === 'SimpleNamedExpression') {
      name = (child<Node>(inner, 'Name') as unknown as { SimpleName: string }).SimpleName;
      inner = child<Node>(inner, 'Expression')!;
    } else {
      name = kindName(inner) === 'NameReference' ? (inner as unknown as { SimpleName: string }).SimpleName : '';
    }
    const field = fields.find((f) => f.name === name) ?? fields.find((f) => !ctx.inputFields.some((i) => i.name === f.name));
    if (!field) throw new NotSupportedError(`mv-expand of ${text(e)}`);
    return { name: field.name, expr: lowerExpression(inner, ctx.scope, ctx.query), type: field.type };
  });
  const limit = child<Node>(node, 'RowLimitClause');
  return { kind: 'mv-expand', input, columns, limit: limit ? Number(text(child<Node>(limit, 'Expression')!)) : undefined };
}

function renderOf(node: Node): Visualization {
  const visualization: Visualization = { visualization: text(child<Node>(node, 'ChartType')!).toLowerCase() };
  const withClause = child<Node>(node, 'WithClause');
  for (const property of elements<Node>(child(withClause ?? node, 'Properties'))) {
    const name = (child<Node>(property, 'Name') as unknown as { SimpleName: string }).SimpleName;
    const value = child<Node>(property, 'Expression')!;
    const raw = text(value);
    if (kindName(value) === 'StringLiteralExpression') visualization[name] = (child<{ ValueText: string }>(value, 'Token')?.ValueText ?? raw);
    else if (name === 'ycolumns' || name === 'series') visualization[name] = raw.replace(/[()]/g, '').split(',').map((s) => s.trim()).filter(Boolean);
    else if (raw === 'true' || raw === 'false') visualization[name] = raw === 'true';
    else visualization[name] = raw;
  }
  return visualization;
}

export { typeOf };
