// Rule durations as the Azure-Sentinel YAML writes them: <n>m, <n>h or <n>d.

const DURATION = /^(\d{1,6})([mhd])$/;
const MINUTES: Readonly<Record<string, number>> = { m: 1, h: 60, d: 1440 };

export const MIN_SCHEDULE_MINUTES = 5;
export const MAX_SCHEDULE_MINUTES = 14 * 1440;

/** Minutes of a rule duration, or undefined when it is not one. */
export function ruleDurationMinutes(text: string): number | undefined {
  const match = DURATION.exec(text);
  return match ? Number(match[1]) * MINUTES[match[2]] : undefined;
}

/** The shortest exact rule duration for `minutes`: 1d, 12h, 90m. */
export function ruleDuration(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}
