// The filter box: a row matches when any cell's text contains the words typed (case-insensitive).
import { cellText } from './cell-text';

export class RowFilter {
  private texts: string[] | undefined;

  constructor(private readonly rows: readonly unknown[][]) {}

  /** One lower-case line per row, built once on first use. */
  private rowTexts(): string[] {
    this.texts ??= this.rows.map((row) => row.map(cellText).join('\u0001').toLowerCase());
    return this.texts;
  }

  /** Row numbers (in result order) whose text contains `query`; all rows for an empty query. */
  apply(query: string): number[] {
    const needle = query.trim().toLowerCase();
    if (needle === '') return this.rows.map((_, i) => i);
    const texts = this.rowTexts();
    const out: number[] = [];
    for (let i = 0; i < texts.length; i++) if (texts[i].includes(needle)) out.push(i);
    return out;
  }
}
