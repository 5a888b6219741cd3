// The rows the table shows: the result filtered by the filter box, then sorted by a column.
import { sortRows, type SortDirection } from './compare';
import { RowFilter } from './filter';

export interface TableColumn {
  name: string;
  type: string;
}

export interface SortState {
  column: number;
  direction: SortDirection;
}

export class TableModel {
  private readonly filter: RowFilter;
  private filterText = '';
  private sortState: SortState | undefined;
  /** Result row numbers in display order. */
  view: number[];

  constructor(readonly columns: readonly TableColumn[], readonly rows: readonly unknown[][]) {
    this.filter = new RowFilter(rows);
    this.view = rows.map((_, i) => i);
  }

  get sort(): SortState | undefined {
    return this.sortState;
  }

  get filterQuery(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    this.filterText = text;
    this.refresh();
  }

  setSort(sort: SortState | undefined): void {
    this.sortState = sort;
    this.refresh();
  }

  /** Header click: ascending, then descending, then the result's own order. */
  cycleSort(column: number): void {
    const current = this.sortState?.column === column ? this.sortState.direction : undefined;
    this.setSort(current === undefined ? { column, direction: 'asc' } : current === 'asc' ? { column, direction: 'desc' } : undefined);
  }

  private refresh(): void {
    const matching = this.filter.apply(this.filterText);
    const s = this.sortState;
    this.view = s ? sortRows(this.rows, matching, s.column, this.columns[s.column].type, s.direction) : matching;
  }
}
