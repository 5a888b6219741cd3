// The contract between summarize and the aggregate library.
import type { Column, KqlType } from '../data/column';

/**
 * Rows are already assigned to groups: `groups[row]` is the group of the row (0 ..
 * groupCount-1). An aggregate returns one column with one value per group, in group order.
 * Arguments are columns of the input's row count (a literal repeats its value).
 */
export interface AggregateFunction {
  aggregate(args: readonly Column[], groups: Int32Array, groupCount: number, resultType: KqlType): Column;
}
