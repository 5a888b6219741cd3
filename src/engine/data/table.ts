// A table: named, typed columns of equal length. Immutable; operators make new tables and
// share the columns they do not change.
import type { Column, KqlType, Value } from './column';

export interface Field {
  name: string;
  type: KqlType;
}

export class Table {
  readonly rowCount: number;

  constructor(readonly names: readonly string[], readonly columns: readonly Column[], rowCount?: number) {
    if (names.length !== columns.length) throw new Error('a table needs one name per column');
    this.rowCount = rowCount ?? (columns.length > 0 ? columns[0].length : 0);
    for (let c = 0; c < columns.length; c++) {
      if (columns[c].length !== this.rowCount) {
        throw new Error(`column ${names[c]} has ${columns[c].length} rows, the table ${this.rowCount}`);
      }
    }
  }

  get schema(): Field[] {
    return this.names.map((name, i) => ({ name, type: this.columns[i].type }));
  }

  column(name: string): Column | undefined {
    const index = this.names.indexOf(name);
    return index < 0 ? undefined : this.columns[index];
  }

  /** The first `limit` rows boxed, for output and tests (slow: not for the engine's inner loops). */
  rows(limit = this.rowCount): Value[][] {
    const rows: Value[][] = [];
    for (let r = 0; r < Math.min(limit, this.rowCount); r++) rows.push(this.columns.map((column) => column.get(r)));
    return rows;
  }
}
