// The message trace `$filter` dialect, as the Graph test server accepts it: receivedDateTime
// compared (ge, gt, le, lt) with DateTimeOffset literals, equality on the string properties,
// contains/startsWith on subject, all joined with `and` (parentheses allowed). Anything else is
// a FilterError, which the server answers with a Graph-shaped 400.

export class FilterError extends Error {}

export interface TimeBound {
  ticks: bigint;
  inclusive: boolean;
}

export interface TraceFilter {
  lower?: TimeBound;
  upper?: TimeBound;
  equals: { property: string; value: string }[];
  subject: { fn: 'contains' | 'startswith'; value: string }[];
}

const EQ_PROPERTIES = new Set(['id', 'messageid', 'status', 'recipientaddress', 'senderaddress', 'fromip', 'toip']);
const PROPERTY_NAMES: Record<string, string> = {
  id: 'id', messageid: 'messageId', status: 'status', recipientaddress: 'recipientAddress',
  senderaddress: 'senderAddress', fromip: 'fromIP', toip: 'toIP',
};

type Token =
  | { kind: 'word'; text: string; at: number }
  | { kind: 'string'; text: string; at: number }
  | { kind: 'datetime'; text: string; at: number }
  | { kind: 'number'; text: string; at: number }
  | { kind: 'punct'; text: '(' | ')' | ','; at: number };

export function parseTraceFilter(text: string): TraceFilter {
  const tokens = tokenize(text);
  const filter: TraceFilter = { equals: [], subject: [] };
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const next = (what: string): Token => {
    const token = tokens[i++];
    if (!token) throw new FilterError(`Syntax error: ${what} expected at the end of the filter.`);
    return token;
  };

  const clause = (): void => {
    const first = next('a property or (');
    if (first.kind === 'punct' && first.text === '(') {
      conjunction();
      const close = next(')');
      if (close.text !== ')') throw new FilterError(`Syntax error: ')' expected at position ${close.at}.`);
      return;
    }
    if (first.kind !== 'word') throw new FilterError(`Syntax error at position ${first.at}: '${first.text}' is not a property.`);
    const name = first.text.toLowerCase();
    if (peek()?.text === '(') return call(name, first.at);
    const op = next('an operator');
    const operator = op.text.toLowerCase();
    const value = next('a value');
    if (name === 'receiveddatetime') return timeBound(operator, value);
    if (!EQ_PROPERTIES.has(name)) throw new FilterError(`Invalid filter clause: property '${first.text}' is not supported in $filter.`);
    if (operator !== 'eq') throw new FilterError(`Invalid filter clause: operator '${op.text}' is not supported for '${PROPERTY_NAMES[name]}'; use eq.`);
    if (value.kind !== 'string') throw new FilterError(`Invalid filter clause: '${PROPERTY_NAMES[name]}' must be compared with a string literal.`);
    filter.equals.push({ property: PROPERTY_NAMES[name], value: value.text });
  };

  const call = (fn: string, at: number): void => {
    if (fn !== 'contains' && fn !== 'startswith') throw new FilterError(`Invalid filter clause: function '${fn}' at position ${at} is not supported.`);
    next('(');
    const property = next('a property');
    if (property.kind !== 'word' || property.text.toLowerCase() !== 'subject') throw new FilterError(`Invalid filter clause: ${fn} is supported on subject only.`);
    if (next(',').text !== ',') throw new FilterError(`Syntax error: ',' expected after subject.`);
    const value = next('a string');
    if (value.kind !== 'string') throw new FilterError(`Invalid filter clause: ${fn} takes a string literal.`);
    if (next(')').text !== ')') throw new FilterError(`Syntax error: ')' expected after the ${fn} argument.`);
    filter.subject.push({ fn, value: value.text });
  };

  const timeBound = (operator: string, value: Token): void => {
    if (value.kind !== 'datetime') throw new FilterError(`Invalid filter clause: receivedDateTime must be compared with a DateTimeOffset literal such as 2026-01-20T00:00:00Z, not ${value.text}.`);
    const ticks = literalTicks(value.text);
    if (ticks === undefined) throw new FilterError(`Invalid filter clause: '${value.text}' is not a valid DateTimeOffset.`);
    const side = operator === 'ge' || operator === 'gt' ? 'lower' : operator === 'le' || operator === 'lt' ? 'upper' : undefined;
    if (!side) throw new FilterError(`Invalid filter clause: operator '${operator}' is not supported for receivedDateTime; use ge and le.`);
    if (filter[side]) throw new FilterError(`Invalid filter clause: receivedDateTime has more than one ${side} bound.`);
    filter[side] = { ticks, inclusive: operator === 'ge' || operator === 'le' };
  };

  const conjunction = (): void => {
    clause();
    while (peek()?.kind === 'word') {
      const word = peek() as Token;
      const keyword = word.text.toLowerCase();
      if (keyword === 'or') throw new FilterError(`Invalid filter clause: operator 'or' is not supported; use 'and'.`);
      if (keyword !== 'and') throw new FilterError(`Syntax error at position ${word.at}: 'and' expected, found '${word.text}'.`);
      i++;
      clause();
    }
  };

  conjunction();
  const rest = peek();
  if (rest) throw new FilterError(`Syntax error at position ${rest.at}: unexpected '${rest.text}'.`);
  return filter;
}

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})/i;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const c = text[at];
    if (/\s/.test(c)) {
      at++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: 'punct', text: c, at });
      at++;
    } else if (c === "'") {
      let value = '';
      let j = at + 1;
      for (;;) {
        if (j >= text.length) throw new FilterError(`Syntax error: unterminated string literal at position ${at}.`);
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j++];
      }
      tokens.push({ kind: 'string', text: value, at });
      at = j + 1;
    } else {
      const datetime = DATETIME.exec(text.slice(at));
      if (datetime) {
        tokens.push({ kind: 'datetime', text: datetime[0], at });
        at += datetime[0].length;
        continue;
      }
      const number = /^-?\d+(?:\.\d+)?/.exec(text.slice(at));
      if (number) {
        tokens.push({ kind: 'number', text: number[0], at });
        at += number[0].length;
        continue;
      }
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(at));
      if (!word) throw new FilterError(`Syntax error at position ${at}: unexpected '${c}'.`);
      tokens.push({ kind: 'word', text: word[0], at });
      at += word[0].length;
    }
  }
  return tokens;
}

/** 100-ns ticks of an ISO 8601 date-time with a zone (no zone: UTC); undefined if invalid. */
export function literalTicks(text: string): bigint | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|([+-])(\d{2}):(\d{2}))?$/i.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = [1, 2, 3, 4, 5].map((k) => Number(m[k]));
  const s = Number(m[6] ?? 0);
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(ms);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  const offset = m[9] ? (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11])) * 60_000 : 0;
  return BigInt(ms - offset) * 10_000n + BigInt((m[7] ?? '').slice(0, 7).padEnd(7, '0'));
}
