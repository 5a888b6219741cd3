// Lowers scalar expressions of the analysed tree into IR expressions.
import type { KqlType } from '../data/column';
import type { Field } from '../data/table';
import { NotSupportedError } from '../errors';
import type { Expr } from '../ir/plan';
import { fuseCall } from './fusions';
import { dynamicValue, literalValue } from './literals';
import type { Scope } from './scope';
import { child, elements, kindName, text, type Node } from './syntax';
import { engineType } from './types';
import type { QueryLowering } from './query';

/** What lowering an expression needs to know besides the expression. */
export interface ExprContext {
  scope: Scope;
  query: QueryLowering;
  /** The columns of the rows the expression is evaluated over, when known (column_ifexists needs them). */
  inputFields?: readonly Field[];
  /**
   * Set while lowering an expression over aggregates (`summarize r = sum(a) / count()`): each
   * aggregate call is handed to it and replaced by what it returns; a column outside an
   * aggregate call is refused.
   */
  aggregates?: AggregateSink;
}

export interface AggregateSink {
  aggregate(call: Node): Expr;
}

const LITERAL_KINDS: Record<string, KqlType> = {
  BooleanLiteralExpression: 'bool', IntLiteralExpression: 'int', LongLiteralExpression: 'long',
  RealLiteralExpression: 'real', DecimalLiteralExpression: 'decimal', DateTimeLiteralExpression: 'datetime',
  TimespanLiteralExpression: 'timespan', GuidLiteralExpression: 'guid', StringLiteralExpression: 'string',
};

export function typeOf(node: Node): KqlType {
  return engineType(node.ResultType?.Name, () => text(node));
}

export function lowerExpression(node: Node, ctx: ExprContext): Expr {
  const kind = kindName(node);
  const literalType = LITERAL_KINDS[kind];
  if (literalType) return { kind: 'literal', type: literalType, value: literalValue(node, literalType) };

  switch (kind) {
    case 'NullLiteralExpression': return { kind: 'literal', type: 'dynamic', value: null };
    case 'CompoundStringLiteralExpression':
      return { kind: 'literal', type: 'string', value: elements<Node>(child(node, 'Tokens')).map((t) => (t as unknown as { ValueText: string }).ValueText).join('') };
    case 'DynamicExpression': return { kind: 'literal', type: 'dynamic', value: dynamicValue(node) };
    case 'ParenthesizedExpression': return lowerExpression(child<Node>(node, 'Expression')!, ctx);
    case 'NameReference': return lowerName(node, ctx);
    case 'BracketedExpression': return lowerExpression(child<Node>(node, 'Expression')!, ctx);
    case 'UnaryMinusExpression': return { kind: 'call', name: 'negate', args: [lowerExpression(child<Node>(node, 'Expression')!, ctx)], type: typeOf(node) };
    case 'UnaryPlusExpression': return lowerExpression(child<Node>(node, 'Expression')!, ctx);
    case 'PathExpression': return lowerPath(node, ctx);
    case 'ElementExpression': return lowerElement(node, ctx);
    case 'FunctionCallExpression': return lowerCall(node, ctx);
    case 'ToScalarExpression': {
      const inner = child<Node>(node, 'Expression')!;
      if (!(inner.ResultType && 'Columns' in inner.ResultType)) return lowerExpression(inner, ctx);
      const plan = ctx.query.lowerTabular(inner, ctx.scope);
      return { kind: 'scalar-of', id: ctx.scope.nextId(), plan, type: typeOf(node) };
    }
    case 'InExpression': case 'InCsExpression': case 'NotInExpression': case 'NotInCsExpression':
    case 'HasAnyExpression': case 'HasAllExpression':
      return lowerListOperator(node, ctx);
    case 'BetweenExpression': case 'NotBetweenExpression': {
      const range = child<Node>(node, 'Right')!;
      return {
        kind: 'call',
        name: kind === 'BetweenExpression' ? 'between' : '!between',
        args: [lowerExpression(child<Node>(node, 'Left')!, ctx), lowerExpression(child<Node>(range, 'First')!, ctx), lowerExpression(child<Node>(range, 'Second')!, ctx)],
        type: 'bool',
      };
    }
    case 'LikeExpression': case 'LikeCsExpression': case 'NotLikeExpression': case 'NotLikeCsExpression':
    case 'SearchExpression':
      throw new NotSupportedError(`the ${text(child<Node>(node, 'Operator') ?? node)} operator`);
  }
  if (kind.endsWith('Expression') && child(node, 'Operator') && child(node, 'Left') && child(node, 'Right')) {
    return {
      kind: 'call',
      name: operatorKey(child<Node>(node, 'Operator')!),
      args: [lowerExpression(child<Node>(node, 'Left')!, ctx), lowerExpression(child<Node>(node, 'Right')!, ctx)],
      type: typeOf(node),
    };
  }
  throw new NotSupportedError(`${kind} (${abbreviate(text(node))})`);
}

/** The function registry's key for an operator token: `has`, `!in~`, `matches_regex` ... */
function operatorKey(token: Node): string {
  return text(token).toLowerCase().replace(/\s+/g, ' ').replace('matches regex', 'matches_regex');
}

function lowerName(node: Node, ctx: ExprContext): Expr {
  const symbol = node.ReferencedSymbol;
  const name = (node as unknown as { SimpleName: string }).SimpleName;
  const symbolKind = symbol ? (symbol.constructor as unknown as { $$name: string }).$$name : '';
  if (symbolKind.endsWith('ColumnSymbol')) {
    if (ctx.aggregates) throw new NotSupportedError(`the column ${name} outside an aggregate function in an aggregation expression`);
    return { kind: 'column', name: symbol!.Name!, type: typeOf(node) };
  }
  const binding = ctx.scope.lookup(symbol, name);
  if (binding?.kind === 'scalar') return binding.expr;
  if (binding?.kind === 'tabular') {
    return { kind: 'scalar-of', id: ctx.scope.nextId(), plan: binding.plan, type: typeOf(node) };
  }
  if (symbolKind.endsWith('FunctionSymbol')) return lowerCall(node, ctx);
  throw new NotSupportedError(`the name ${name}${symbolKind ? ` (${symbolKind.split('.').pop()})` : ''}`);
}

function lowerPath(node: Node, ctx: ExprContext): Expr {
  const selector = child<Node>(node, 'Selector')!;
  const target = child<Node>(node, 'Expression')!;
  if (kindName(target) === 'NameReference' && selector.ReferencedSymbol && !isDynamicType(target)) {
    // A qualified column ($left.x handled by join; T.x of a table) is the column itself.
    return { kind: 'column', name: selector.ReferencedSymbol.Name!, type: typeOf(node) };
  }
  const key = (selector as unknown as { SimpleName: string }).SimpleName ?? text(selector).replace(/^\[['"]|['"]\]$/g, '');
  return { kind: 'member', target: lowerExpression(target, ctx), key, type: 'dynamic' };
}

function isDynamicType(node: Node): boolean {
  return (node.ResultType?.Name ?? '').startsWith('dynamic');
}

function lowerElement(node: Node, ctx: ExprContext): Expr {
  const target = lowerExpression(child<Node>(node, 'Expression')!, ctx);
  const selector = child<Node>(child<Node>(node, 'Selector')!, 'Expression') ?? child<Node>(node, 'Selector')!;
  const key = lowerExpression(selector, ctx);
  const constant = key.kind === 'literal' && (typeof key.value === 'number' || typeof key.value === 'string') ? key.value : undefined;
  return { kind: 'member', target, key: constant ?? key, type: 'dynamic' };
}

function lowerListOperator(node: Node, ctx: ExprContext): Expr {
  const left = lowerExpression(child<Node>(node, 'Left')!, ctx);
  const list = child<Node>(node, 'Right')!;
  const items = elements<Node>(child(list, 'Expressions')).map((item) => {
    if (item.ResultType && 'Columns' in item.ResultType) {
      // `x in (T | project a)`: the first column's values.
      return { kind: 'scalar-of', id: ctx.scope.nextId(), plan: ctx.query.lowerTabular(item, ctx.scope), type: 'dynamic', list: true } as Expr;
    }
    return lowerExpression(item, ctx);
  });
  return { kind: 'call', name: operatorKey(child<Node>(node, 'Operator')!), args: [left, ...items], type: 'bool' };
}

function lowerCall(node: Node, ctx: ExprContext): Expr {
  const nameNode = child<Node>(node, 'Name') ?? node;
  const name = ((nameNode as unknown as { SimpleName: string }).SimpleName ?? text(nameNode)).toLowerCase();
  if (ctx.aggregates && ctx.query.isAggregate(node)) return ctx.aggregates.aggregate(node);
  const expansion = node.GetExpansion?.();
  if (expansion) return ctx.query.lowerExpansion(node, expansion, ctx, 'scalar') as Expr;
  const args = elements<Node>(child(child<Node>(node, 'ArgumentList')!, 'Expressions'));
  if (name === 'column_ifexists') return columnIfExists(node, args, ctx);
  return fuseCall({ kind: 'call', name, args: args.map((arg) => lowerExpression(arg, ctx)), type: typeOf(node) });
}

/** column_ifexists(name, default): the column when the operator's input has it, else the default. */
function columnIfExists(node: Node, args: Node[], ctx: ExprContext): Expr {
  const nameExpr = lowerExpression(args[0], { ...ctx, aggregates: undefined });
  if (nameExpr.kind !== 'literal' || typeof nameExpr.value !== 'string') throw new NotSupportedError(`column_ifexists(${text(args[0])}, ...) with a name that is not a constant`);
  if (!ctx.inputFields) throw new NotSupportedError(`column_ifexists(${text(args[0])}, ...) where the input columns are not known`);
  const field = ctx.inputFields.find((f) => f.name === nameExpr.value);
  if (!field) return lowerExpression(args[1], ctx);
  const type = typeOf(node);
  if (ctx.aggregates) throw new NotSupportedError(`the column ${field.name} outside an aggregate function in an aggregation expression`);
  if (field.type !== type) throw new NotSupportedError(`column_ifexists(${text(args[0])}, ...) of a ${field.type} column with a ${type} default`);
  return { kind: 'column', name: field.name, type };
}

function abbreviate(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}
