// Output formats: JSON (dnstwist's shape), CSV for a Microsoft Sentinel watchlist, and a KQL datatable.
import { domainToUnicode } from './idna';
import type { Lookalike } from './types';

/** A JSON array of {"fuzzer","domain"}, one entry per line, in the given order. */
export function toJson(items: readonly Lookalike[]): string {
  if (items.length === 0) return '[]\n';
  return `[\n${items.map(({ fuzzer, domain }) => JSON.stringify({ fuzzer, domain })).join(',\n')}\n]\n`;
}

export const CSV_HEADER = ['Domain', 'Fuzzer', 'Original', 'UnicodeDomain'] as const;

/**
 * CSV with a header row, for a Sentinel watchlist upload (search key: Domain). UnicodeDomain is
 * the domain as a reader sees it (xn-- labels decoded).
 */
export function toCsv(items: readonly Lookalike[]): string {
  const rows = items.map((item) => [item.domain, item.fuzzer, item.original, domainToUnicode(item.domain)]);
  return [CSV_HEADER, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** RFC 4180: quoted, with quotes doubled, when the field holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** `datatable(Domain:string, Fuzzer:string, Original:string)[...]`, one row per line. */
export function toKql(items: readonly Lookalike[]): string {
  const rows = items.map((item) => `    ${kqlString(item.domain)}, ${kqlString(item.fuzzer)}, ${kqlString(item.original)}`);
  return `datatable(Domain:string, Fuzzer:string, Original:string)[\n${rows.join(',\n')}\n]\n`;
}

const KQL_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A double-quoted KQL string literal. */
export function kqlString(value: string): string {
  return `"${value.replace(/["\\\n\r\t]/g, (c) => KQL_ESCAPES[c])}"`;
}
