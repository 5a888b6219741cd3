// Lowers tabular operators (the right side of `|`) into plan nodes. Output column names come
// from Kusto.Language's result type of each operator, so naming rules (Column1, count_,
// join's duplicate names ...) are Microsoft's, not re-implemented here.
import type { Field } from '../data/table';
import { NotSupportedError } from '../errors';
import type { Assignment, JoinKind, Plan, SortKey, Visualization } from '../ir/plan';
import { lowerExpression, typeOf, type ExprContext } from './expressions';
import { lowerMakeSeries } from './make-series';
import { lowerMvApply, lowerMvExpand } from './mv-apply';
import { lowerParse } from './parse';
import { checkSerialized } from './serialization';
import { lowerSummarize } from './summarize';
import { child, elements, kindName, parameters, resultColumns, text, type Node } from './syntax';
import { lowerTopNested } from './top-nested';
import { fieldsOf } from './types';

export interface OperatorContext extends ExprContext {
  /** Output fields of the input plan. */
  inputFields: Field[];
}

export function lowerOperator(node: Node, input: Plan | null, ctx: OperatorContext): Plan {
  const plan = lowerOperatorNode(node, input, ctx);
  checkSerialized(plan);
  return plan;
}

function lowerOperatorNode(node: Node, input: Plan | null, ctx: OperatorContext): Plan {
  const kind = kindName(node);
  const { scope, query } = ctx;
  const expr = (n: Node) => lowerExpression(n, ctx);
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
    case 'MvApplyOperator': return lowerMvApply(node, needInput(), ctx);
    case 'ParseOperator': case 'ParseWhereOperator': return lowerParse(node, needInput(), ctx);
    case 'MakeSeriesOperator': return lowerMakeSeries(node, needInput(), ctx);
    case 'TopNestedOperator': return lowerTopNested(node, needInput(), ctx);
    case 'GetSchemaOperator': return { kind: 'getschema', input: needInput() };
    case 'SerializeOperator': {
      const serialized: Plan = { kind: 'serialize', input: needInput() };
      const columns = namedAssignments(node, ctx, true);
      return columns.length > 0 ? { kind: 'extend', input: serialized, columns } : serialized;
    }
    case 'AsOperator': {
      // The name refers to this point of the pipeline for the rest of the query (Kusto.Language
      // resolves later references to the same symbol): evaluated once, shared.
      const plan: Plan = { kind: 'shared', id: scope.nextId(), plan: needInput() };
      const symbol = child<Node>(node, 'Name')?.ReferencedSymbol;
      if (symbol) scope.bindSymbol(symbol, { kind: 'tabular', plan });
      return plan;
    }
    case 'ExecuteAndCacheOperator':
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
  // extend: each expression sees the columns extended before it.
  const visible = [...ctx.inputFields];
  let next = 0;
  return expressions.map((e, i) => {
    const exprCtx: ExprContext = { ...ctx, inputFields: extend ? [...visible] : ctx.inputFields };
    let assignment: Assignment;
    if (kindName(e) === 'SimpleNamedExpression') {
      const name = (child<Node>(e, 'Name') as unknown as { SimpleName: string }).SimpleName;
      if (!extend) next = i + 1;
      assignment = { name, expr: lowerExpression(child<Node>(e, 'Expression')!, exprCtx) };
    } else {
      if (kindName(e) === 'CompoundNamedExpression') throw new NotSupportedError('(a, b) = ... assignments');
      const name = extend
        ? (kindName(e) === 'NameReference' ? (e as unknown as { SimpleName: string }).SimpleName : unnamed[next++])
        : output[i];
      if (kindName(e) === 'StarExpression') throw new NotSupportedError('project *');
      assignment = { name, expr: lowerExpression(e, exprCtx) };
    }
    const at = visible.findIndex((f) => f.name === assignment.name);
    const field = { name: assignment.name, type: assignment.expr.type };
    if (at >= 0) visible[at] = field; else visible.push(field);
    return assignment;
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
    expr: lowerExpression(isOrdered ? child<Node>(node, 'Expression')! : node, ctx),
    descending,
    // Kusto: ascending puts nulls first, descending last, unless told.
    nullsFirst: nulls ? nulls.endsWith('first') : !descending,
  };
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
