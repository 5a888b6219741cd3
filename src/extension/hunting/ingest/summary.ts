// An ingestion summary as log lines, like the CLI's.
import type { IngestSummary } from '../../../ingest/run';

export function describeSummary(summary: IngestSummary, target: string): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const lines = [
    `ingested ${n(summary.written)} rows into ${target}`,
    `  range      ${summary.range.start.toISOString()} .. ${summary.range.end.toISOString()} in ${summary.windows} window(s)`,
    `  read       ${n(summary.read)} rows`,
    `  written    ${n(summary.written)}`,
    `  duplicates ${n(summary.duplicates)} (already ingested, skipped)`,
    `  rejected   ${n(summary.rejected)}`,
  ];
  if (summary.outOfRange > 0) lines.push(`  outside    ${n(summary.outOfRange)} (outside since/until)`);
  lines.push(`  checkpoint ${summary.checkpoint ?? 'none (file sources do not move it)'}`);
  if (summary.inFlight) {
    const f = summary.inFlight;
    lines.push(`  resumed    a batch in flight at the last stop: ${n(f.confirmed)} rows confirmed, ${n(f.resent)} sent again`
      + (f.mayDuplicate ? ' (those can now be in the workspace twice)' : ''));
  }
  return lines.join('\n');
}
