// summarize: rows grouped by the by-expressions, one output row per group.
import type { Column } from '../data/column';
import { Table } from '../data/table';
import { argExtremeRows, percentileValues, takeAnyRows } from '../aggregates';
import type { Plan } from '../ir/plan';
import { aggregateCall } from './aggregate';
import type { ExecContext } from './context';
import { evaluate } from './evaluate';
import { gather } from '../data/gather';
import { groupRows } from './keys';

export function summarize(input: Table, plan: Extract<Plan, { kind: 'summarize' }>, context: ExecContext): Table {
  const byColumns = plan.by.map((b) => evaluate(b.expr, input, context));
  const { groups, groupCount, firstRows } = groupRows(byColumns, input.rowCount);
  // Without `by`, summarize returns one row even over no input (count() = 0).
  const outputGroups = plan.by.length === 0 ? Math.max(groupCount, 1) : groupCount;
  const names: string[] = plan.by.map((b) => b.name);
  const columns: Column[] = byColumns.map((column) => gather(column, firstRows));

  for (const call of plan.aggregates) {
    switch (call.kind) {
      case 'aggregate':
        names.push(call.name);
        columns.push(aggregateCall(call, input, groups, outputGroups, context));
        break;
      case 'pick-row': {
        const by = call.by.map((e) => evaluate(e, input, context));
        const rows = call.pick === 'any' ? takeAnyRows(by, groups, outputGroups) : argExtremeRows(by[0], groups, outputGroups, call.pick);
        for (const output of call.outputs) {
          names.push(output.name);
          columns.push(gather(evaluate(output.expr, input, context), rows));
        }
        break;
      }
      case 'percentiles': {
        const results = percentileValues(evaluate(call.value, input, context), groups, outputGroups, call.percents);
        names.push(...call.names);
        columns.push(...results);
        break;
      }
    }
  }
  return new Table(names, columns, outputGroups);
}
