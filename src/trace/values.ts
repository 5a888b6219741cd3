// Field values shared by the file sources: received times to ISO 8601 UTC, GUIDs, statuses
// and sizes. Each returns undefined for a value it cannot read, so that the caller can reject
// the row with its own wording.
import { TRACE_STATUSES, type TraceStatus } from './record';

const STATUS_BY_NAME = new Map<string, TraceStatus>(TRACE_STATUSES.map((s) => [s.toLowerCase(), s]));
// The Reporting Web Service and Get-MessageTrace also know `None` (no status determined yet).
STATUS_BY_NAME.set('none', 'gettingStatus');

/** A Graph (`filteredAsSpam`) or Reporting Web Service / PowerShell (`FilteredAsSpam`) status. */
export function traceStatus(value: unknown): TraceStatus | undefined {
  return typeof value === 'string' ? STATUS_BY_NAME.get(value.trim().toLowerCase()) : undefined;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*([AP]M)?$/i;
const MS_DATE = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;

/**
 * A received time as ISO 8601 UTC ending in `Z`, the fraction kept as given. Accepts ISO 8601
 * (a missing zone means UTC, as in the Reporting Web Service's JSON light), OData v2's
 * `/Date(ms)/`, and the US `M/D/YYYY h:mm:ss AM` of PowerShell's CSV export (UTC too).
 */
export function isoReceived(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const ms = MS_DATE.exec(text);
  if (ms) {
    const date = new Date(Number(ms[1]));
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  let m = ISO.exec(text);
  if (m) return fromParts(+m[1], +m[2], +m[3], +m[4], +m[5], m[6] === undefined ? 0 : +m[6], m[7] ?? '', offsetMinutes(m[8]));
  m = US.exec(text);
  if (m) {
    let hour = +m[4];
    const meridiem = m[8]?.toUpperCase();
    if (meridiem) {
      if (hour < 1 || hour > 12) return undefined;
      hour = (hour % 12) + (meridiem === 'PM' ? 12 : 0);
    }
    return fromParts(+m[3], +m[1], +m[2], hour, +m[5], m[6] === undefined ? 0 : +m[6], m[7] ?? '', 0);
  }
  return undefined;
}

function offsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const hours = +digits.slice(1, 3);
  const minutes = digits.length > 3 ? +digits.slice(3, 5) : 0;
  if (hours > 23 || minutes > 59) return undefined;
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function fromParts(year: number, month: number, day: number, hour: number, minute: number, second: number, fraction: string, offset: number | undefined): string | undefined {
  if (offset === undefined || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(local);
  if (check.getUTCDate() !== day || check.getUTCFullYear() !== year) return undefined; // 31 February
  const utc = new Date(local - offset * 60_000).toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z
  return `${utc.slice(0, 19)}${fraction}Z`;
}

const GUID = /^\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/i;

/** A GUID in its lower-case dashed form (also from 32 bare hex digits or `{...}`). */
export function normalGuid(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = GUID.exec(value.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}-${m[4]}-${m[5]}`.toLowerCase() : undefined;
}

/** Bytes: a non-negative whole number or numeric string; missing is 0. */
export function byteSize(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return 0;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 ? Math.round(n) : undefined;
}

/** A string field that may be absent or null ('' then). */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}
