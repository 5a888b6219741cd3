/** Small helpers for the benchmarks: percentiles over a list of timings (ms), peak memory. */
import { readFileSync } from 'node:fs';

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

/** A field of /proc/self/status in MiB (VmHWM: the peak resident set); rss where there is no /proc. */
export function procStatusMiB(field: 'VmHWM' | 'VmRSS'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux: fall through
  }
  return process.memoryUsage().rss / 1048576;
}
