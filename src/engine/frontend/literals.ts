// Literal values of the query text, converted to the engine's representations. Values are read
// from the literal's text: Kusto.Language's own values are 64-bit Bridge objects (and wrong
// for hex literals in 12.4.1).
import type { DynamicValue, KqlType, Value } from '../data/column';
import { formatDatetime, formatTimespan, parseDatetime, parseTimespan } from '../data/temporal';
import { NotSupportedError } from '../errors';
import { child, elements, kindName, text, type Node } from './syntax';

/** The literal's value as text: quotes and escapes resolved (for a literal node or a token). */
function valueText(node: Node): string {
  const token = (node as unknown as { ValueText?: string | null }).ValueText !== undefined
    ? (node as unknown as { ValueText: string | null })
    : child<{ ValueText: string | null }>(node, 'Token');
  return token?.ValueText ?? text(node);
}

export function literalValue(node: Node, type: KqlType): Value {
  if (type === 'string') return valueText(node);
  const raw = valueText(node).trim();
  if (raw === 'null' || /^\w+\(\s*null\s*\)$/.test(raw)) return null;
  switch (type) {
    case 'bool': return raw.toLowerCase() === 'true';
    case 'int': case 'long': case 'real': case 'decimal': return numberLiteral(raw, type);
    case 'guid': return raw.toLowerCase();
    case 'datetime': {
      const micros = parseDatetime(raw);
      if (micros === null) throw new NotSupportedError(`the datetime literal ${text(node)}`);
      return micros;
    }
    case 'timespan': {
      const ticks = parseTimespan(raw);
      if (ticks === null) throw new NotSupportedError(`the timespan literal ${text(node)}`);
      return ticks;
    }
    default: throw new NotSupportedError(`a ${type} literal`);
  }
}

function numberLiteral(raw: string, type: KqlType): number {
  const value = /^[+-]?0x/i.test(raw) ? Number.parseInt(raw, 16) : Number(raw);
  if (Number.isNaN(value)) throw new NotSupportedError(`the ${type} literal ${raw}`);
  if ((type === 'long' || type === 'int') && !Number.isSafeInteger(value)) {
    throw new NotSupportedError(`the ${type} literal ${raw}: beyond ±2^53, which the local engine holds exactly`);
  }
  return value;
}

/** dynamic(...) literal: its JSON tree, with typed literals inside as Kusto serialises them. */
export function dynamicValue(node: Node): DynamicValue {
  const kind = kindName(node);
  switch (kind) {
    case 'DynamicExpression': return dynamicValue(child<Node>(node, 'Expression')!);
    case 'JsonObjectExpression': {
      const object: Record<string, DynamicValue> = {};
      for (const pair of elements(child(node, 'Pairs'))) {
        object[valueText(child<Node>(pair, 'Name')!)] = dynamicValue(child<Node>(pair, 'Value')!);
      }
      return object;
    }
    case 'JsonArrayExpression': return elements(child(node, 'Values')).map((value) => dynamicValue(value));
    case 'NullLiteralExpression': return null;
    case 'BooleanLiteralExpression': return valueText(node).toLowerCase() === 'true';
    case 'StringLiteralExpression': case 'GuidLiteralExpression': return valueText(node);
    case 'LongLiteralExpression': case 'IntLiteralExpression': case 'RealLiteralExpression': case 'DecimalLiteralExpression':
      return numberLiteral(valueText(node), 'real');
    case 'DateTimeLiteralExpression': return formatDatetime(literalValue(node, 'datetime') as number);
    case 'TimespanLiteralExpression': return formatTimespan(literalValue(node, 'timespan') as number);
    case 'UnaryMinusExpression': {
      const inner = dynamicValue(child<Node>(node, 'Expression')!);
      if (typeof inner !== 'number') throw new NotSupportedError(`-${JSON.stringify(inner)} in a dynamic literal`);
      return -inner;
    }
    default: throw new NotSupportedError(`${kind} inside a dynamic literal`);
  }
}
