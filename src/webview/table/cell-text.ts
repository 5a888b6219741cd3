// A result value as the text a cell shows (and copies): JSON values as compact JSON, null as empty.

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Whether a cell has more to show than its one line: dynamic values and multi-line text. */
export function isExpandable(value: unknown): boolean {
  return (typeof value === 'object' && value !== null) || (typeof value === 'string' && (value.includes('\n') || value.length > 200));
}

/** The full text of a value for the detail view: JSON pretty-printed. */
export function detailText(value: unknown): string {
  if (typeof value === 'object' && value !== null) return JSON.stringify(value, null, 2);
  if (typeof value === 'string' && /^[[{]/.test(value.trim())) {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return cellText(value);
}
