// mv-expand and mv-apply: the expanded columns (`name = expr to typeof(T)`), and mv-apply's
// subquery, lowered over the expanded rows of one input row at a time.
import type { KqlType } from '../data/column';
import type { Field } from '../data/table';
import { NotSupportedError } from '../errors';
import type { Plan } from '../ir/plan';
import { lowerExpression } from './expressions';
import type { OperatorContext } from './operators';
import { child, elements, kindName, named, parameters, simpleName, text, type Node } from './syntax';
import { engineType, fieldsOf } from './types';

interface Expanded {
  /** The declared or referenced name; undefined for another expression. */
  name?: string;
  expr: Node;
  /** `to typeof(T)`, else undefined (dynamic). */
  type?: KqlType;
  text: string;
}

function expandedItems(node: Node): Expanded[] {
  return elements<Node>(child(node, 'Expressions')).map((item) => {
    const { name, expr } = named(child<Node>(item, 'Expression') ?? item);
    const typeOf = child<Node>(item, 'ToTypeOf');
    const typeNode = typeOf ? elements<Node>(child(child<Node>(typeOf, 'TypeOf')!, 'Types'))[0] : undefined;
    return {
      name: name ?? (kindName(expr) === 'NameReference' ? simpleName(expr) : undefined),
      expr,
      type: typeNode ? engineType(text(typeNode), () => `to typeof(${text(typeNode)})`) : undefined,
      text: text(item),
    };
  });
}

function rowLimit(node: Node): number | undefined {
  const clause = child<Node>(node, 'RowLimitClause');
  if (!clause) return undefined;
  const value = Number(text(child<Node>(clause, 'RowLimit')!));
  if (!Number.isInteger(value) || value < 0) throw new NotSupportedError(`limit ${text(clause)}`);
  return value;
}

function refuseParameters(node: Node, operator: string): void {
  const params = parameters(node);
  for (const name of params.keys()) {
    if (!name.startsWith('hint.')) throw new NotSupportedError(`${operator} ${name}=${params.get(name)}`);
  }
}

export function lowerMvExpand(node: Node, input: Plan, ctx: OperatorContext): Plan {
  refuseParameters(node, 'mv-expand');
  const fields = fieldsOf(node);
  const columns = expandedItems(node).map((item) => {
    const field = fields.find((f) => f.name === item.name) ?? fields.find((f) => !ctx.inputFields.some((i) => i.name === f.name));
    if (!field) throw new NotSupportedError(`mv-expand of ${item.text}`);
    return { name: field.name, expr: lowerExpression(item.expr, ctx), type: field.type };
  });
  return { kind: 'mv-expand', input, columns, limit: rowLimit(node) };
}

export function lowerMvApply(node: Node, input: Plan, ctx: OperatorContext): Plan {
  refuseParameters(node, 'mv-apply');
  if (child(node, 'ContextIdClause')) throw new NotSupportedError('mv-apply with a context id');
  const columns = expandedItems(node).map((item) => {
    if (!item.name) throw new NotSupportedError(`mv-apply of ${item.text} without a name`);
    return { name: item.name, expr: lowerExpression(item.expr, ctx), type: item.type ?? 'dynamic' as KqlType };
  });
  // The subquery's input: the input columns, the expanded ones replaced or added.
  const applyFields: Field[] = [...ctx.inputFields];
  for (const c of columns) {
    const at = applyFields.findIndex((f) => f.name === c.name);
    if (at >= 0) applyFields[at] = { name: c.name, type: c.type }; else applyFields.push({ name: c.name, type: c.type });
  }
  const id = ctx.scope.nextId();
  const subqueryNode = child<Node>(child<Node>(node, 'Subquery')!, 'Expression')!;
  const subquery = ctx.query.lowerTabular(subqueryNode, ctx.scope, { plan: { kind: 'apply-input', id, fields: applyFields }, fields: applyFields });
  return { kind: 'mv-apply', input, id, columns, limit: rowLimit(node), subquery, fields: fieldsOf(node) };
}
