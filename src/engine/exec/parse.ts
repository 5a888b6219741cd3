// parse / parse-where: the pattern is matched once per distinct value of the source (through
// the string column's dictionary), captures become string columns, and typed captures are
// converted with the registry's conversion functions (tolong, todatetime ...).
import { StringColumn, type Column, type KqlType } from '../data/column';
import { Table } from '../data/table';
import { NotSupportedError } from '../errors';
import { scalarFunctions } from '../functions';
import { compileRegex } from '../functions/regex';
import type { Plan } from '../ir/plan';
import type { ExecContext } from './context';
import { evaluate } from './evaluate';
import { gather } from '../data/gather';

type ParsePlan = Extract<Plan, { kind: 'parse' }>;

const CONVERSIONS: Partial<Record<KqlType, string>> = {
  bool: 'tobool', int: 'toint', long: 'tolong', real: 'toreal', decimal: 'todecimal',
  datetime: 'todatetime', timespan: 'totimespan', guid: 'toguid', dynamic: 'todynamic',
};

function withFlags(pattern: string, flags: string): string {
  return flags ? `(?${flags})${pattern}` : pattern;
}

/** The captured texts of each distinct value (null where the pattern does not match). */
function matchDictionary(dictionary: readonly string[], plan: ParsePlan): (string[] | null)[] {
  const regex = compileRegex(withFlags(plan.pattern, plan.flags));
  const dotAll = plan.newlinesAmbiguous ? compileRegex(withFlags(plan.pattern, `${plan.flags}s`)) : undefined;
  const captures = (match: RegExpExecArray | null): string[] | null => (match ? plan.captures.map((c) => match.groups?.[c.group] ?? '') : null);
  return dictionary.map((value) => {
    const result = captures(regex.exec(value));
    if (dotAll && value.includes('\n') && JSON.stringify(captures(dotAll.exec(value))) !== JSON.stringify(result)) {
      // Whether `*` and string columns span line breaks in simple/relaxed mode is not documented.
      throw new NotSupportedError('parse of a value with a line break, where the result depends on whether the pattern spans lines');
    }
    return result;
  });
}

/** Capture `index` of every row, as a dictionary-encoded string column ('' where no match). */
function captureColumn(source: StringColumn, matches: (string[] | null)[], index: number): StringColumn {
  const dictionary: string[] = [];
  const codeOf = new Map<string, number>();
  const remap = matches.map((match) => {
    const value = match?.[index] ?? '';
    let code = codeOf.get(value);
    if (code === undefined) { code = dictionary.length; dictionary.push(value); codeOf.set(value, code); }
    return code;
  });
  return new StringColumn('string', source.codes.map((code) => remap[code]), dictionary);
}

export function parse(input: Table, plan: ParsePlan, context: ExecContext): Table {
  const source = evaluate(plan.source, input, context);
  if (!(source instanceof StringColumn) || source.type !== 'string') throw new Error(`internal: parse of a ${source.type} column`);
  const matches = matchDictionary(source.dictionary, plan);
  const captured: Column[] = plan.captures.map((capture, i) => {
    const text = captureColumn(source, matches, i);
    const conversion = CONVERSIONS[capture.type];
    if (capture.type === 'string') return text;
    if (!conversion) throw new NotSupportedError(`parse into a ${capture.type} column`);
    return scalarFunctions.get(conversion)!.evaluate([text], capture.type, input.rowCount, context);
  });
  // A row matches when the pattern does and, unless relaxed, every typed capture converted.
  const rows: number[] = [];
  for (let row = 0; row < input.rowCount; row++) {
    const matched = matches[source.codes[row]] !== null && (plan.relaxed || plan.captures.every((c, i) => c.type === 'string' || !captured[i].isNull(row)));
    if (matched) rows.push(row);
    else if (!plan.dropUnmatched) rows.push(-row - 1);
  }
  const outputRows = Int32Array.from(rows, (r) => (r < 0 ? -r - 1 : r));
  const valueRows = Int32Array.from(rows, (r) => (r < 0 ? -1 : r));
  const names = [...input.names];
  const columns = input.columns.map((column) => (plan.dropUnmatched ? gather(column, outputRows) : column));
  plan.captures.forEach((capture, i) => {
    const column = gather(captured[i], valueRows);
    const at = names.indexOf(capture.name);
    if (at >= 0) columns[at] = column; else { names.push(capture.name); columns.push(column); }
  });
  return new Table(names, columns, outputRows.length);
}
