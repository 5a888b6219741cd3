/** Small helpers for the benchmarks: percentiles over a list of timings (ms). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}
