// Which served rows a query of the Graph test server looks at. Each query considers every row,
// in the order of `rows`: a plain array is scanned afresh at each query, since tests may change
// it between (or during) reads. A frozen array (Object.freeze: a benchmark's million rows) cannot
// change, so it is sorted by received time once, into typed arrays (no object per row for the
// server's garbage collector to walk), and a query reads only its time range; when it filters on
// time alone, its rows are even made into Graph items page by page (newestFirst).
import type { ServedRow } from './graph-trace-server';
import { literalTicks, type TraceFilter } from './graph-filter';

export interface DatedRow {
  row: ServedRow;
  /** Received time in 100-ns ticks; undefined when unreadable (such rows are in every query). */
  ticks: bigint | undefined;
  /** Position in `rows`: ties in time keep this order. */
  index: number;
}

export function receivedTicks(row: ServedRow): bigint | undefined {
  const text = 'graph' in row ? row.graph.receivedDateTime : row.received;
  return typeof text === 'string' ? literalTicks(text) : undefined;
}

interface Index {
  rows: readonly ServedRow[];
  /** Positions of the rows with a readable time, by time, then position. */
  byTime: Uint32Array;
  /** Received ticks by position (0 where unreadable). */
  ticks: BigInt64Array;
  /** Number(ticks): rounds, but never out of order, so it decides every comparison but ties. */
  approx: Float64Array;
  undated: number[];
}

export class ServedRows {
  private index?: Index;

  /** Indexes `rows` now when it is frozen (else there is nothing to prepare). */
  prepare(rows: readonly ServedRow[]): void {
    if (Object.isFrozen(rows) && this.index?.rows !== rows) this.index = build(rows);
  }

  /**
   * The rows a query that filters on time alone selects, newest first (rows received at the same
   * time in the order of `rows`), as select() would give them; undefined when this cannot say (a
   * plain array, other filters, or rows with unreadable dates, which every query shows).
   */
  newestFirst(rows: readonly ServedRow[], filter: TraceFilter): ServedRow[] | undefined {
    if (!Object.isFrozen(rows) || filter.equals.length > 0 || filter.subject.length > 0) return undefined;
    this.prepare(rows);
    const index = this.index!;
    if (index.undated.length > 0) return undefined;
    const { lower, upper } = filter;
    const inRange = (t: bigint): boolean => (!lower || (lower.inclusive ? t >= lower.ticks : t > lower.ticks)) && (!upper || (upper.inclusive ? t <= upper.ticks : t < upper.ticks));
    const from = lower === undefined ? 0 : firstAtOrAfter(index, lower.ticks);
    const to = upper === undefined ? index.byTime.length : firstAtOrAfter(index, upper.ticks + 1n);
    const picked: ServedRow[] = [];
    // Backwards through the time order, each run of equal times forwards.
    for (let end = to; end > from;) {
      let start = end - 1;
      const t = index.ticks[index.byTime[start]];
      while (start > from && index.ticks[index.byTime[start - 1]] === t) start--;
      if (inRange(t)) for (let i = start; i < end; i++) picked.push(rows[index.byTime[i]]);
      end = start;
    }
    return picked;
  }

  /** The rows that may be received in [lower, upper] (more may come back; none are missed). */
  candidates(rows: readonly ServedRow[], lower: bigint | undefined, upper: bigint | undefined): DatedRow[] {
    if (!Object.isFrozen(rows)) return rows.map((row, index) => ({ row, ticks: receivedTicks(row), index }));
    this.prepare(rows);
    const index = this.index!;
    const from = lower === undefined ? 0 : firstAtOrAfter(index, lower);
    const to = upper === undefined ? index.byTime.length : firstAtOrAfter(index, upper + 1n);
    const picked: DatedRow[] = [];
    for (let i = from; i < to; i++) {
      const at = index.byTime[i];
      picked.push({ row: rows[at], ticks: index.ticks[at], index: at });
    }
    for (const at of index.undated) picked.push({ row: rows[at], ticks: undefined, index: at });
    return picked;
  }
}

function build(rows: readonly ServedRow[]): Index {
  const ticks = new BigInt64Array(rows.length);
  const approx = new Float64Array(rows.length);
  const dated: number[] = [];
  const undated: number[] = [];
  rows.forEach((row, at) => {
    const t = receivedTicks(row);
    if (t === undefined) {
      undated.push(at);
      return;
    }
    ticks[at] = t;
    approx[at] = Number(t);
    dated.push(at);
  });
  dated.sort((a, b) => approx[a] - approx[b] || compare(ticks[a], ticks[b]) || a - b);
  return { rows, byTime: Uint32Array.from(dated), ticks, approx, undated };
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function firstAtOrAfter(index: Index, ticks: bigint): number {
  const approx = Number(ticks);
  let lo = 0;
  let hi = index.byTime.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = index.byTime[mid];
    const before = index.approx[at] !== approx ? index.approx[at] < approx : index.ticks[at] < ticks;
    if (before) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
