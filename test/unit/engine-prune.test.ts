import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Plan } from '../../src/engine/ir/plan';
import { pruneColumns } from '../../src/engine/ir/prune-columns';

const scan: Plan = {
  kind: 'scan', table: 'T',
  fields: [{ name: 'a', type: 'long' }, { name: 'b', type: 'string' }, { name: 'c', type: 'real' }, { name: 'd', type: 'dynamic' }],
};
const col = (name: string) => ({ kind: 'column' as const, name, type: 'long' as const });

function scanFields(plan: Plan): string[] {
  if (plan.kind === 'scan') return plan.fields.map((f) => f.name);
  return scanFields((plan as { input: Plan }).input);
}

test('a filter/extend chain under summarize reads only the columns it uses', () => {
  const plan: Plan = {
    kind: 'summarize',
    input: { kind: 'extend', input: { kind: 'filter', input: scan, predicate: { kind: 'call', name: '>', args: [col('a'), { kind: 'literal', type: 'long', value: 1 }], type: 'bool' } }, columns: [{ name: 'x', expr: col('b') }] },
    by: [{ name: 'x', expr: col('x') }],
    aggregates: [{ kind: 'aggregate', name: 's', fn: 'sum', args: [col('c')], type: 'real' }],
    fields: [],
  };
  assert.deepEqual(scanFields(pruneColumns(plan)), ['a', 'b', 'c']);
});

test('pack_all() keeps every column; an operator the pass does not know stops it', () => {
  const packed: Plan = { kind: 'project', input: scan, columns: [{ name: 'p', expr: { kind: 'call', name: 'pack_all', args: [], type: 'dynamic' } }] };
  assert.deepEqual(scanFields(pruneColumns(packed)), ['a', 'b', 'c', 'd']);
  const expanded: Plan = { kind: 'project', input: { kind: 'mv-expand', input: scan, columns: [{ name: 'd', expr: col('d'), type: 'dynamic' }] }, columns: [{ name: 'a', expr: col('a') }] };
  assert.deepEqual(scanFields(pruneColumns(expanded)), ['a', 'b', 'c', 'd']);
});
