// The common form of parsed import input before typing: named columns of outside values.
import type { KustoType } from '../../kql/schema';

export interface RawColumns {
  names: string[];
  /** columns[c][row]; a hole or undefined is a missing value. */
  columns: unknown[][];
  rowCount: number;
  /** Types the input itself declares (a `columns` list with types). */
  declared?: Partial<Record<string, KustoType>>;
  /** Where a row starts, for error messages. */
  locate(row: number): { line?: number; column?: number; note?: string };
}
