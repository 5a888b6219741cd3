// Aggregate calls over rows assigned to groups (summarize, make-series, top-nested).
import type { Column } from '../data/column';
import { Table } from '../data/table';
import { aggregateFunctions } from '../aggregates';
import { NotSupportedError } from '../errors';
import type { Aggregation, AggregateCall } from '../ir/plan';
import type { ExecContext } from './context';
import { evaluate } from './evaluate';

/** One aggregate call: one value per group, in group order. */
export function aggregateCall(call: Extract<AggregateCall, { kind: 'aggregate' }>, input: Table, groups: Int32Array, groupCount: number, context: ExecContext): Column {
  const fn = aggregateFunctions.get(call.fn);
  if (!fn) throw new NotSupportedError(`the aggregate ${call.fn}()`);
  return fn.aggregate(call.args.map((arg) => evaluate(arg, input, context)), groups, groupCount, call.type);
}

/** An aggregation's value per group: its aggregate calls, then its expression over their results. */
export function aggregationColumn(aggregation: Aggregation, input: Table, groups: Int32Array, groupCount: number, context: ExecContext): Column {
  const columns = aggregation.calls.map((call) => aggregateCall(call, input, groups, groupCount, context));
  const results = new Table(aggregation.calls.map((call) => call.name), columns, groupCount);
  return evaluate(aggregation.value, results, context);
}
