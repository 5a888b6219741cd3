// Reads ../shared/conformance/kusto-loco.jsonl and checks one case against the engine.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runQuery, type TableSource } from '../../src/engine';
import { parseDatetime } from '../../src/engine/data/temporal';
import { sharedDir } from '../support/paths';
import { cellText, rowTexts, sameCell } from './render';

export interface ConformanceCase {
  id: string;
  query: string;
  check: 'table' | 'scalar' | 'lastLine' | 'contains' | 'rows';
  expected: unknown;
  expectError: boolean;
  match?: 'prefix' | 'approx' | 'range' | 'anyOf';
  tolerance?: number;
  normalize?: 'squash';
  negate?: boolean;
  target?: 'lastLine' | 'rows';
  rowSeparator?: string;
  orderMayVary?: boolean;
  expectedColumnCount?: number;
}

export function loadCases(): ConformanceCase[] {
  const file = path.join(sharedDir, 'conformance', 'kusto-loco.jsonl');
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as ConformanceCase);
}

const noTables: TableSource = {
  tableNames: () => [],
  read: (name) => Promise.reject(new Error(`no table ${name}`)),
};

const FIXED_NOW = parseDatetime('2024-01-01T00:00:00Z')!;

/** Runs a case: undefined when it passes, else why not. */
export async function runCase(c: ConformanceCase): Promise<string | undefined> {
  let result;
  try {
    result = await runQuery(c.query, { tables: [], functions: [], complete: true }, noTables, { now: FIXED_NOW });
  } catch (error) {
    return c.expectError ? undefined : `error: ${(error as Error).message.split('\n')[0]}`;
  }
  if (c.expectError) return 'expected an error, got a result';
  const table = result.table;
  if (c.expectedColumnCount !== undefined && table.columns.length !== c.expectedColumnCount) {
    return `expected ${c.expectedColumnCount} columns, got ${table.columns.length}`;
  }
  switch (c.check) {
    case 'table': return compareTable(table, c);
    case 'scalar': return compareText(table.rowCount > 0 && table.columns.length > 0 ? cellText(table.columns[0].get(0), table.columns[0].type) : '', c);
    case 'lastLine': return compareText(rowTexts(table).at(-1) ?? '', c);
    case 'rows': return compareText(rowTexts(table).join(c.rowSeparator ?? ','), c);
    case 'contains': {
      const text = squash(c.target === 'rows' ? rowTexts(table).join(c.rowSeparator ?? ',') : (rowTexts(table).at(-1) ?? ''), c);
      const wanted = Array.isArray(c.expected) ? (c.expected as string[]) : [String(c.expected)];
      const found = wanted.some((w) => text.includes(w));
      return found === !c.negate ? undefined : `${c.negate ? 'unexpectedly contains' : 'does not contain'} ${JSON.stringify(c.expected)}: ${JSON.stringify(text.slice(0, 200))}`;
    }
  }
}

function squash(text: string, c: ConformanceCase): string {
  return c.normalize === 'squash' ? text.replace(/[\s\r\n]+/g, '') : text;
}

function compareText(actual: string, c: ConformanceCase): string | undefined {
  const text = squash(actual, c);
  const expected = c.expected;
  let ok: boolean;
  switch (c.match) {
    case 'prefix': ok = text.startsWith(String(expected)); break;
    case 'approx': ok = Math.abs(Number(text) - Number(expected)) <= (c.tolerance ?? 0); break;
    case 'range': ok = Number(text) >= (expected as number[])[0] && Number(text) <= (expected as number[])[1]; break;
    default: ok = text === String(expected);
  }
  return ok ? undefined : `expected ${JSON.stringify(expected)}, got ${JSON.stringify(text.slice(0, 300))}`;
}

function compareTable(table: import('../../src/engine').Table, c: ConformanceCase): string | undefined {
  const expected = c.expected as { columns: { name: string; type: string }[]; rows: unknown[][] };
  const schema = table.schema;
  const actualColumns = schema.map((f) => `${f.name}:${f.type}`).join(', ');
  const expectedColumns = expected.columns.map((f) => `${f.name}:${f.type}`).join(', ');
  if (actualColumns !== expectedColumns) return `columns: expected ${expectedColumns}; got ${actualColumns}`;
  const actualRows = table.rows();
  if (actualRows.length !== expected.rows.length) return `expected ${expected.rows.length} rows, got ${actualRows.length}`;
  const same = (a: typeof actualRows[number], e: unknown[]) => a.every((value, i) => sameCell(value, schema[i].type, e[i]));
  if (c.orderMayVary) {
    const remaining = [...expected.rows];
    for (const row of actualRows) {
      const at = remaining.findIndex((e) => same(row, e));
      if (at < 0) return `row ${JSON.stringify(row)} is not expected`;
      remaining.splice(at, 1);
    }
    return undefined;
  }
  for (let r = 0; r < actualRows.length; r++) {
    if (!same(actualRows[r], expected.rows[r])) return `row ${r}: expected ${JSON.stringify(expected.rows[r])}, got ${JSON.stringify(actualRows[r])}`;
  }
  return undefined;
}
