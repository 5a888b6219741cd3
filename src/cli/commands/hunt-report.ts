// The HTML report of a set of hunt runs (`hunt --all --report`, the demo): one self-contained
// file with each hunt's query, table and chart (src/report, the same chart code as the panel).
import { writeFile } from 'node:fs/promises';
import { toResultObject } from '../../engine/output';
import type { HuntRun } from '../../hunts/run';
import { htmlReport } from '../../report/html-report';

/** Rows of each hunt's table in the report (charts use all rows up to this too). */
const REPORT_ROWS = 5000;

export async function writeHuntReport(file: string, runs: readonly HuntRun[], heading: { title: string; subtitle?: string }): Promise<void> {
  const sections = runs.map((run) => ({
    title: `${run.template.name}: ${run.template.title}`,
    description: run.error ? `Could not run: ${run.error}` : run.template.description,
    query: run.rendered.query,
    result: run.result
      ? toResultObject(run.result.table, run.result.visualization, REPORT_ROWS)
      : { columns: [], rows: [], visualization: null },
  }));
  await writeFile(file, htmlReport(sections, { ...heading, maxTableRows: REPORT_ROWS }));
}
