// Lowers scalar expressions of the analysed tree into IR expressions.
import type { KqlType } from '../data/column';
import { NotSupportedError } from '../errors';
import type { Expr } from '../ir/plan';
import { dynamicValue, literalValue } from './literals';
import type { Scope } from './scope';
import { child, elements, kindName, text, type Node } from './syntax';
import { engineType } from './types';
import type { QueryLowering } from './query';

const LITERAL_KINDS: Record<string, KqlType> = {
  BooleanLiteralExpression: 'bool', IntLiteralExpression: 'int', LongLiteralExpression: 'long',
  RealLiteralExpression: 'real', DecimalLiteralExpression: 'decimal', DateTimeLiteralExpression: 'datetime',
  TimespanLiteralExpression: 'timespan', GuidLiteralExpression: 'guid', StringLiteralExpression: 'string',
};

export function typeOf(node: Node): KqlType {
  return engineType(node.ResultType?.Name, text(node));
}

export function lowerExpression(node: Node, scope: Scope, query: QueryLowering): Expr {
  const kind = kindName(node);
  const literalType = LITERAL_KINDS[kind];
  if (literalType) return { kind: 'literal', type: literalType, value: literalValue(node, literalType) };

  switch (kind) {
    case 'NullLiteralExpression': return { kind: 'literal', type: 'dynamic', value: null };
    case 'CompoundStringLiteralExpression':
      return { kind: 'literal', type: 'string', value: elements<Node>(child(node, 'Tokens')).map((t) => (t as unknown as { ValueText: string }).ValueText).join('') };
    case 'DynamicExpression': return { kind: 'literal', type: 'dynamic', value: dynamicValue(node) };
    case 'ParenthesizedExpression': return lowerExpression(child<Node>(node, 'Expression')!, scope, query);
    case 'NameReference': return lowerName(node, scope, query);
    case 'BracketedExpression': return lowerExpression(child<Node>(node, 'Expression')!, scope, query);
    case 'UnaryMinusExpression': return { kind: 'call', name: 'negate', args: [lowerExpression(child<Node>(node, 'Expression')!, scope, query)], type: typeOf(node) };
    case 'UnaryPlusExpression': return lowerExpression(child<Node>(node, 'Expression')!, scope, query);
    case 'PathExpression': return lowerPath(node, scope, query);
    case 'ElementExpression': return lowerElement(node, scope, query);
    case 'FunctionCallExpression': return lowerCall(node, scope, query);
    case 'ToScalarExpression': {
      const inner = child<Node>(node, 'Expression')!;
      if (!(inner.ResultType && 'Columns' in inner.ResultType)) return lowerExpression(inner, scope, query);
      const plan = query.lowerTabular(inner, scope);
      return { kind: 'scalar-of', id: scope.nextId(), plan, type: typeOf(node) };
    }
    case 'InExpression': case 'InCsExpression': case 'NotInExpression': case 'NotInCsExpression':
    case 'HasAnyExpression': case 'HasAllExpression':
      return lowerListOperator(node, scope, query);
    case 'BetweenExpression': case 'NotBetweenExpression': {
      const range = child<Node>(node, 'Right')!;
      return {
        kind: 'call',
        name: kind === 'BetweenExpression' ? 'between' : '!between',
        args: [lowerExpression(child<Node>(node, 'Left')!, scope, query), lowerExpression(child<Node>(range, 'First')!, scope, query), lowerExpression(child<Node>(range, 'Second')!, scope, query)],
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
      args: [lowerExpression(child<Node>(node, 'Left')!, scope, query), lowerExpression(child<Node>(node, 'Right')!, scope, query)],
      type: typeOf(node),
    };
  }
  throw new NotSupportedError(`${kind} (${abbreviate(text(node))})`);
}

/** The function registry's key for an operator token: `has`, `!in~`, `matches_regex` ... */
function operatorKey(token: Node): string {
  return text(token).toLowerCase().replace(/\s+/g, ' ').replace('matches regex', 'matches_regex');
}

function lowerName(node: Node, scope: Scope, query: QueryLowering): Expr {
  const symbol = node.ReferencedSymbol;
  const name = (node as unknown as { SimpleName: string }).SimpleName;
  const symbolKind = symbol ? (symbol.constructor as unknown as { $$name: string }).$$name : '';
  if (symbolKind.endsWith('ColumnSymbol')) return { kind: 'column', name: symbol!.Name!, type: typeOf(node) };
  const binding = scope.lookup(symbol, name);
  if (binding?.kind === 'scalar') return binding.expr;
  if (binding?.kind === 'tabular') {
    return { kind: 'scalar-of', id: scope.nextId(), plan: binding.plan, type: typeOf(node) };
  }
  if (symbolKind.endsWith('FunctionSymbol')) return lowerCall(node, scope, query);
  throw new NotSupportedError(`the name ${name}${symbolKind ? ` (${symbolKind.split('.').pop()})` : ''}`);
}

function lowerPath(node: Node, scope: Scope, query: QueryLowering): Expr {
  const selector = child<Node>(node, 'Selector')!;
  const target = child<Node>(node, 'Expression')!;
  if (kindName(target) === 'NameReference' && selector.ReferencedSymbol && !isDynamicType(target)) {
    // A qualified column ($left.x handled by join; T.x of a table) is the column itself.
    return { kind: 'column', name: selector.ReferencedSymbol.Name!, type: typeOf(node) };
  }
  const key = (selector as unknown as { SimpleName: string }).SimpleName ?? text(selector).replace(/^\[['"]|['"]\]$/g, '');
  return { kind: 'member', target: lowerExpression(target, scope, query), key, type: 'dynamic' };
}

function isDynamicType(node: Node): boolean {
  return (node.ResultType?.Name ?? '').startsWith('dynamic');
}

function lowerElement(node: Node, scope: Scope, query: QueryLowering): Expr {
  const target = lowerExpression(child<Node>(node, 'Expression')!, scope, query);
  const selector = child<Node>(child<Node>(node, 'Selector')!, 'Expression') ?? child<Node>(node, 'Selector')!;
  const key = lowerExpression(selector, scope, query);
  const constant = key.kind === 'literal' && (typeof key.value === 'number' || typeof key.value === 'string') ? key.value : undefined;
  return { kind: 'member', target, key: constant ?? key, type: 'dynamic' };
}

function lowerListOperator(node: Node, scope: Scope, query: QueryLowering): Expr {
  const left = lowerExpression(child<Node>(node, 'Left')!, scope, query);
  const list = child<Node>(node, 'Right')!;
  const items = elements<Node>(child(list, 'Expressions')).map((item) => {
    if (item.ResultType && 'Columns' in item.ResultType) {
      // `x in (T | project a)`: the first column's values.
      return { kind: 'scalar-of', id: scope.nextId(), plan: query.lowerTabular(item, scope), type: 'dynamic', list: true } as Expr;
    }
    return lowerExpression(item, scope, query);
  });
  return { kind: 'call', name: operatorKey(child<Node>(node, 'Operator')!), args: [left, ...items], type: 'bool' };
}

function lowerCall(node: Node, scope: Scope, query: QueryLowering): Expr {
  const nameNode = child<Node>(node, 'Name') ?? node;
  const name = ((nameNode as unknown as { SimpleName: string }).SimpleName ?? text(nameNode)).toLowerCase();
  const expansion = node.GetExpansion?.();
  if (expansion) return query.lowerExpansion(node, expansion, scope, 'scalar') as Expr;
  const args = elements<Node>(child(child<Node>(node, 'ArgumentList')!, 'Expressions'));
  if (name === 'column_ifexists') return query.columnIfExists(args);
  return { kind: 'call', name, args: args.map((arg) => lowerExpression(arg, scope, query)), type: typeOf(node) };
}

function abbreviate(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}
