// union: rows of every input, columns matched by name (missing ones are null).
import { columnBuilder } from '../data/builder';
import { Table } from '../data/table';
import type { Plan } from '../ir/plan';

export function union(inputs: Table[], plan: Extract<Plan, { kind: 'union' }>): Table {
  const total = inputs.reduce((sum, table) => sum + table.rowCount, 0);
  const names = plan.fields.map((f) => f.name);
  const columns = plan.fields.map((field) => {
    const builder = columnBuilder(field.type, total);
    for (const table of inputs) {
      const column = table.column(field.name);
      const sameType = column?.type === field.type;
      for (let row = 0; row < table.rowCount; row++) builder.add(column && sameType ? column.get(row) : null);
    }
    return builder.finish();
  });
  if (plan.sourceColumn) {
    const source = columnBuilder('string', total);
    inputs.forEach((table, i) => { for (let row = 0; row < table.rowCount; row++) source.add(plan.sourceNames[i]); });
    names.unshift(plan.sourceColumn);
    columns.unshift(source.finish());
  }
  return new Table(names, columns, total);
}
