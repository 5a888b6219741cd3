// mv-apply: each input row's expanded rows (as mv-expand makes them) run through the subquery;
// the output has the subquery's rows, with the input row's values in the columns the subquery
// does not produce.
import { columnBuilder } from '../data/builder';
import { Table } from '../data/table';
import type { Plan } from '../ir/plan';
import type { ExecContext } from './context';
import { executePlan } from './execute';
import { gatherTable, range } from './gather';
import { expandRows } from './mv-expand';

export function mvApply(input: Table, plan: Extract<Plan, { kind: 'mv-apply' }>, context: ExecContext): Table {
  const { table: expanded, sourceRows } = expandRows(input, plan, context);
  const builders = plan.fields.map((field) => columnBuilder(field.type));
  let total = 0;
  let start = 0;
  for (let row = 0; row < input.rowCount; row++) {
    let end = start;
    while (end < sourceRows.length && sourceRows[end] === row) end++;
    // Results of shared plans inside the subquery may depend on this row's group: a memo per run.
    const memo = new Map(context.memo);
    memo.set(plan.id, gatherTable(expanded, range(end - start, start)));
    const result = executePlan(plan.subquery, { ...context, memo });
    plan.fields.forEach((field, c) => {
      const column = result.column(field.name) ?? input.column(field.name);
      if (!column) throw new Error(`internal: mv-apply output column ${field.name} is in neither the subquery nor the input`);
      const fromResult = column === result.column(field.name);
      for (let i = 0; i < result.rowCount; i++) builders[c].add(column.get(fromResult ? i : row));
    });
    total += result.rowCount;
    start = end;
  }
  return new Table(plan.fields.map((f) => f.name), builders.map((b) => b.finish()), total);
}

/** The current group of rows of the enclosing mv-apply. */
export function applyInput(plan: Extract<Plan, { kind: 'apply-input' }>, context: ExecContext): Table {
  const table = context.memo.get(plan.id);
  if (!table) throw new Error('internal: mv-apply input outside its mv-apply');
  return table as Table;
}
