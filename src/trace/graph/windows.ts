// A TraceWindow -> the Graph queries that read it: at most 10 days each, no earlier than 90 days
// before now, no later than now.
//
// Boundaries: TraceWindow is half-open [start, end) while Graph's filter is `ge ... and le ...`
// (inclusive) in whole seconds. Each span queries whole seconds that cover its part of the window
// and keeps only rows received in [keepStart, keepEnd); the keep ranges tile the window exactly,
// so a row on a boundary is kept by exactly one span, at full precision.
import type { TraceWindow } from '../record';
import { MAX_LOOKBACK_MS, MAX_SPAN_MS } from './constants';
import { GraphTraceError } from './errors';
import { ceilSecond, floorSecond, formatFilterDateTime } from './time';

export interface GraphSpan {
  /** Filter bounds, whole seconds, inclusive (`ge` / `le`). */
  queryStart: number;
  queryEnd: number;
  /** Rows kept: received in [keepStart, keepEnd). */
  keepStart: Date;
  keepEnd: Date;
}

export interface SpanLimits {
  maxSpanMs: number;
  maxLookbackMs: number;
}

export const GRAPH_SPAN_LIMITS: SpanLimits = { maxSpanMs: MAX_SPAN_MS, maxLookbackMs: MAX_LOOKBACK_MS };

/** Throws GraphTraceError (reason 'window') for a window Graph cannot serve. */
export function planGraphSpans(window: TraceWindow, now: number, limits: SpanLimits = GRAPH_SPAN_LIMITS): GraphSpan[] {
  const start = window.start.getTime();
  const end = window.end.getTime();
  if (Number.isNaN(start) || Number.isNaN(end)) throw windowError('the message trace window has an invalid start or end date');
  if (end < start) throw windowError(`the message trace window ends (${iso(end)}) before it starts (${iso(start)})`);
  const earliest = now - limits.maxLookbackMs;
  if (floorSecond(start) < earliest) {
    const days = Math.round(limits.maxLookbackMs / 86_400_000);
    throw windowError(
      `the message trace window starts at ${iso(start)}, more than ${days} days before now (${iso(now)}); ` +
        `Graph keeps message trace for ${days} days, so start at ${iso(ceilSecond(earliest))} or later`,
    );
  }
  const keepEndMs = Math.min(end, floorSecond(now));
  if (start >= keepEndMs) return [];

  const spans: GraphSpan[] = [];
  const queryEnd = ceilSecond(keepEndMs);
  for (let s = floorSecond(start); s < queryEnd; s += limits.maxSpanMs) {
    const e = Math.min(s + limits.maxSpanMs, queryEnd);
    spans.push({ queryStart: s, queryEnd: e, keepStart: new Date(Math.max(s, start)), keepEnd: new Date(Math.min(e, keepEndMs)) });
  }
  return spans;
}

export function spanFilter(span: GraphSpan): string {
  return `receivedDateTime ge ${formatFilterDateTime(span.queryStart)} and receivedDateTime le ${formatFilterDateTime(span.queryEnd)}`;
}

function windowError(message: string): GraphTraceError {
  return new GraphTraceError(message, { reason: 'window' });
}

const iso = (ms: number): string => new Date(ms).toISOString();
