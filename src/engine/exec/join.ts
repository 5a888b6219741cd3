// join and lookup: a hash join on equal key values.
import type { Column } from '../data/column';
import { Table } from '../data/table';
import type { Plan } from '../ir/plan';
import { gather } from '../data/gather';
import { keyOf } from './keys';
import { checkRowCount } from './limits';

type JoinPlan = Extract<Plan, { kind: 'join' }>;

function rowKey(columns: Column[], row: number): unknown {
  if (columns.length === 1) return keyOf(columns[0], row);
  return JSON.stringify(columns.map((c) => keyOf(c, row)));
}

function keyColumns(table: Table, names: string[]): Column[] {
  return names.map((name) => {
    const column = table.column(name);
    if (!column) throw new Error(`internal: join key ${name} is not in [${table.names.join(', ')}]`);
    return column;
  });
}

export function join(left: Table, right: Table, plan: JoinPlan): Table {
  const leftKeys = keyColumns(left, plan.leftKeys);
  const rightKeys = keyColumns(right, plan.rightKeys);
  const index = new Map<unknown, number[]>();
  for (let row = 0; row < right.rowCount; row++) {
    const key = rowKey(rightKeys, row);
    if (key === null) continue; // null keys never match
    const rows = index.get(key);
    if (rows) rows.push(row); else index.set(key, [row]);
  }
  const leftRows: number[] = [];
  const rightRows: number[] = [];
  const matchedRight = new Uint8Array(right.rowCount);
  const seenLeftKeys = new Set<unknown>();
  const kind = plan.joinKind;
  for (let row = 0; row < left.rowCount; row++) {
    const key = rowKey(leftKeys, row);
    if (kind === 'innerunique') {
      // One left row per key value (the first), then an inner join.
      if (seenLeftKeys.has(key)) continue;
      seenLeftKeys.add(key);
    }
    const matches = key === null ? undefined : index.get(key);
    if (matches) for (const m of matches) matchedRight[m] = 1;
    switch (kind) {
      case 'leftsemi': if (matches) { leftRows.push(row); } break;
      case 'leftanti': if (!matches) { leftRows.push(row); } break;
      case 'rightsemi': case 'rightanti': break;
      default:
        if (matches) for (const m of matches) { leftRows.push(row); rightRows.push(m); }
        else if (kind === 'leftouter' || kind === 'fullouter') { leftRows.push(row); rightRows.push(-1); }
        checkRowCount(leftRows.length, 'join');
    }
  }
  if (kind === 'rightouter' || kind === 'fullouter') {
    for (let row = 0; row < right.rowCount; row++) if (!matchedRight[row]) { leftRows.push(-1); rightRows.push(row); }
  }
  if (kind === 'rightsemi' || kind === 'rightanti') {
    for (let row = 0; row < right.rowCount; row++) if ((matchedRight[row] === 1) === (kind === 'rightsemi')) rightRows.push(row);
  }
  return assemble(left, right, Int32Array.from(leftRows), Int32Array.from(rightRows), plan);
}

/**
 * The output columns in Kusto's order (left's, then right's; Kusto.Language gave the names,
 * e.g. a right column that clashes becomes `Name1`; lookup drops right's key columns).
 */
function assemble(left: Table, right: Table, leftRows: Int32Array, rightRows: Int32Array, plan: JoinPlan): Table {
  const names = plan.fields.map((f) => f.name);
  if (plan.joinKind === 'leftsemi' || plan.joinKind === 'leftanti') {
    return new Table(names, left.columns.map((c) => gather(c, leftRows)), leftRows.length);
  }
  if (plan.joinKind === 'rightsemi' || plan.joinKind === 'rightanti') {
    return new Table(names, right.columns.map((c) => gather(c, rightRows)), rightRows.length);
  }
  const rightColumns = right.columns.filter((_, i) => names.length === left.columns.length + right.columns.length || !plan.rightKeys.includes(right.names[i]));
  const columns = [...left.columns.map((c) => gather(c, leftRows)), ...rightColumns.map((c) => gather(c, rightRows))];
  return new Table(names, columns, leftRows.length);
}
