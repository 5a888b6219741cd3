// top-nested: level by level, the rows of each partition are grouped by the level's value, the
// groups ranked by the level's aggregation (descending unless asc) and the first N kept; each
// kept group is a partition of the next level. One output row per partition of the last level,
// in hierarchy order (each level's ranking within its parent), with a value and an aggregate
// column per level.
import { columnFromValues, columnBuilder } from '../data/builder';
import type { Value } from '../data/column';
import { Table } from '../data/table';
import type { Plan } from '../ir/plan';
import { aggregationColumn } from './aggregate';
import type { ExecContext } from './context';
import { evaluate } from './evaluate';
import { gatherTable } from './gather';
import { groupRows } from './keys';
import { count as rowCount } from './relational';
import { sortedRows } from './sort';

type TopNestedPlan = Extract<Plan, { kind: 'top-nested' }>;

/** A kept group: its parent partition (of the previous level), value and aggregate. */
interface Partition {
  parent: number;
  value: Value;
  aggregate: Value;
}

export function topNested(input: Table, plan: TopNestedPlan, context: ExecContext): Table {
  let table = input;
  let partitionOfRow = new Int32Array(input.rowCount);
  const levels: Partition[][] = [];
  for (const level of plan.levels) {
    const values = evaluate(level.expr, table, context);
    const partitionColumn = columnFromValues('long', Array.from(partitionOfRow));
    const { groups, groupCount, firstRows } = groupRows([partitionColumn, values], table.rowCount);
    const aggregates = aggregationColumn(level.aggregation, table, groups, groupCount, context);
    // Rank every group, then keep the first N of each partition (ties keep input order).
    const ranked = sortedRows(new Table(['aggregate'], [aggregates], groupCount), [
      { expr: { kind: 'column', name: 'aggregate', type: aggregates.type }, descending: level.descending, nullsFirst: !level.descending },
    ], context);
    const limit = level.count ? rowCount(level.count, context) : Infinity;
    const byParent = new Map<number, number[]>();
    for (const group of ranked) {
      const parent = partitionOfRow[firstRows[group]];
      const kept = byParent.get(parent) ?? [];
      if (kept.length < limit) kept.push(group);
      byParent.set(parent, kept);
    }
    // Number the kept groups parent by parent, so that the output follows the hierarchy.
    const partitionOfGroup = new Int32Array(groupCount).fill(-1);
    const partitions: Partition[] = [];
    const parentCount = levels.length === 0 ? 1 : levels[levels.length - 1].length;
    for (let parent = 0; parent < parentCount; parent++) {
      for (const group of byParent.get(parent) ?? []) {
        partitionOfGroup[group] = partitions.length;
        partitions.push({ parent, value: values.get(firstRows[group]), aggregate: aggregates.get(group) });
      }
    }
    levels.push(partitions);
    const keptRows: number[] = [];
    for (let row = 0; row < table.rowCount; row++) if (partitionOfGroup[groups[row]] >= 0) keptRows.push(row);
    table = gatherTable(table, Int32Array.from(keptRows));
    partitionOfRow = Int32Array.from(keptRows, (row) => partitionOfGroup[groups[row]]);
  }
  return output(plan, levels);
}

function output(plan: TopNestedPlan, levels: Partition[][]): Table {
  const last = levels[levels.length - 1] ?? [];
  const builders = plan.fields.map((field) => columnBuilder(field.type, last.length));
  for (let leaf = 0; leaf < last.length; leaf++) {
    let index = leaf;
    for (let level = levels.length - 1; level >= 0; level--) {
      const partition = levels[level][index];
      builders[2 * level].add(partition.value);
      builders[2 * level + 1].add(partition.aggregate);
      index = partition.parent;
    }
  }
  return new Table(plan.fields.map((f) => f.name), builders.map((b) => b.finish()), last.length);
}
