// The time windows a run reads: from the checkpoint minus the overlap (late rows and status
// changes appear up to 24 h after the fact) to now, cut into spans a source can answer in one
// query and small enough that the de-duplication keys of a window stay few.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const DEFAULT_OVERLAP_MS = 48 * HOUR_MS;
/** Where a first run starts when no --since is given: Graph's own default, the last 48 h. */
export const DEFAULT_FIRST_RUN_MS = 48 * HOUR_MS;
export const DEFAULT_WINDOW_MS = DAY_MS;

export interface RunRange {
  start: Date;
  end: Date;
}

export class WindowError extends Error {}

/** The range a run covers. */
export function runRange(options: { checkpoint: string | null; since?: Date; until?: Date; now: Date; overlapMs: number; firstRunMs?: number }): RunRange {
  const end = options.until ?? options.now;
  const start = options.since
    ?? (options.checkpoint !== null
      ? new Date(Date.parse(options.checkpoint) - options.overlapMs)
      : new Date(end.getTime() - (options.firstRunMs ?? DEFAULT_FIRST_RUN_MS)));
  if (!(start.getTime() < end.getTime())) {
    throw new WindowError(`nothing to read: the start ${start.toISOString()} is not before the end ${end.toISOString()}`);
  }
  return { start, end };
}

/** [start, end) cut into consecutive half-open spans of at most `spanMs`. */
export function splitRange(range: RunRange, spanMs: number): RunRange[] {
  const windows: RunRange[] = [];
  for (let at = range.start.getTime(); at < range.end.getTime(); at += spanMs) {
    windows.push({ start: new Date(at), end: new Date(Math.min(at + spanMs, range.end.getTime())) });
  }
  return windows;
}

/** Parses a duration such as 48h, 2d, 90m or 3600s. */
export function parseDuration(text: string, what: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) throw new WindowError(`${what} ${text} is not a duration (e.g. 48h, 2d, 90m)`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: HOUR_MS, d: DAY_MS }[match[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}
