// parse and parse-where: the pattern (`* "key=" value:long ", " rest`) becomes one anchored
// regular expression with a named group per column, in RE2 syntax, compiled by the engine's
// RE2 translation (functions/regex.ts).
//
// Following Microsoft's documentation of the operators:
//   - kind=simple (default): delimiters are plain text; `*` skips text lazily; a string column
//     takes the text up to the next delimiter; a typed column must convert (else no match).
//   - kind=relaxed: as simple, but a typed column that does not convert is null alone.
//   - kind=regex: delimiters are regular expressions; `*` is `.*` and a string column `(.*)`,
//     greedy unless flags=U (the documentation's examples show greedy results).
//   - int/long columns match `-?\d+`, real/decimal a decimal number; other types take text
//     like a string column and must convert.
// The match starts at the start of the text, and ends at its end when the pattern ends with a
// column. A construct whose result this does not pin down is refused: a non-numeric typed
// column followed by `*`, two columns without a delimiter between them, flags=U with a
// quantifier in a delimiter.
import type { KqlType } from '../data/column';
import { NotSupportedError } from '../errors';
import { compileRegex } from '../functions/regex';
import type { Expr, ParseCapture, Plan } from '../ir/plan';
import { literalValue } from './literals';
import { lowerExpression } from './expressions';
import type { OperatorContext } from './operators';
import { child, elements, kindName, parameters, simpleName, text, type Node } from './syntax';
import { fieldsOf } from './types';

type Item = { kind: 'star' } | { kind: 'text'; value: string } | { kind: 'column'; name: string };

const INTEGER = '-?\\d+';
const REAL = '-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?';
const NUMBER_PATTERNS: Partial<Record<KqlType, string>> = { int: INTEGER, long: INTEGER, real: REAL, decimal: REAL };

function patternItems(node: Node): Item[] {
  return elements<Node>(child(node, 'Patterns')).map((p): Item => {
    switch (kindName(p)) {
      case 'StarExpression': return { kind: 'star' };
      case 'StringLiteralExpression': return { kind: 'text', value: literalValue(p, 'string') as string };
      case 'NameDeclaration': return { kind: 'column', name: simpleName(p) };
      case 'NameAndTypeDeclaration': return { kind: 'column', name: simpleName(child<Node>(p, 'Name')!) };
      default: throw new NotSupportedError(`${text(p)} in a parse pattern`);
    }
  });
}

function escapeRe2(value: string): string {
  return value.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

export function lowerParse(node: Node, input: Plan, ctx: OperatorContext): Plan {
  const operator = kindName(node) === 'ParseWhereOperator' ? 'parse-where' : 'parse';
  const params = parameters(node);
  const mode = (params.get('kind') ?? 'simple').toLowerCase();
  if (mode !== 'simple' && mode !== 'regex' && mode !== 'relaxed') throw new NotSupportedError(`${operator} kind=${mode}`);
  const flags = params.get('flags') ?? '';
  if (flags && mode !== 'regex') throw new NotSupportedError(`${operator} flags without kind=regex`);
  for (const flag of flags) if (!'imsU'.includes(flag)) throw new NotSupportedError(`${operator} flag ${flag}`);
  for (const name of params.keys()) if (name !== 'kind' && name !== 'flags') throw new NotSupportedError(`${operator} ${name}=`);
  const ungreedy = flags.includes('U');
  const fields = fieldsOf(node);
  const items = patternItems(node);

  const captures: ParseCapture[] = [];
  let pattern = '\\A';
  items.forEach((item, i) => {
    const next = items[i + 1];
    if (item.kind === 'star') {
      pattern += mode === 'regex' && !ungreedy ? '.*' : '.*?';
    } else if (item.kind === 'text') {
      if (mode !== 'regex') pattern += escapeRe2(item.value);
      else if (ungreedy && /[*+?{]/.test(item.value)) throw new NotSupportedError(`${operator} flags=U with a quantifier in ${JSON.stringify(item.value)}`);
      else pattern += `(?:${item.value})`;
    } else {
      const field = fields.find((f) => f.name === item.name);
      if (!field) throw new Error(`internal: parse column ${item.name} is not in the result`);
      if (next?.kind === 'column') throw new NotSupportedError(`${operator} with the columns ${item.name} and ${next.name} next to each other`);
      const number = NUMBER_PATTERNS[field.type];
      if (!number && field.type !== 'string' && next?.kind === 'star') throw new NotSupportedError(`${operator} with * after the ${field.type} column ${item.name}`);
      const anyText = mode === 'regex' && !ungreedy ? '.*' : '.*?';
      const body = !number ? anyText : mode === 'relaxed' ? `${number}|${anyText}` : number;
      const group = `p${captures.length}`;
      captures.push({ name: field.name, type: field.type, group });
      pattern += `(?P<${group}>${body})`;
    }
  });
  if (items.at(-1)?.kind === 'column') pattern += '\\z';
  const regexFlags = flags.replace('U', '');
  compileRegex(regexFlags ? `(?${regexFlags})${pattern}` : pattern); // refuses what the translation cannot express, now

  let source: Expr = lowerExpression(child<Node>(node, 'Expression')!, ctx);
  if (source.type !== 'string') source = { kind: 'call', name: 'tostring', args: [source], type: 'string' };
  return {
    kind: 'parse', input, source, pattern, flags: regexFlags, captures,
    relaxed: mode === 'relaxed', dropUnmatched: operator === 'parse-where', newlinesAmbiguous: mode !== 'regex',
  };
}
