// One self-contained HTML file for a set of hunts: each with its query, its table (the first
// rows, as text) and its chart, drawn by the inlined report script with the panel's chart code
// from data embedded as JSON. No network: a CSP with hashes allows only the inlined script and
// stylesheet.
import { createHash } from 'node:crypto';
import { cellText } from '../webview/table/cell-text';
import { loadAssets } from './assets';
import { escapeHtml, inlineScript, inlineStyle, scriptJson } from './escape';

export interface ReportColumn {
  name: string;
  type: string;
}

export interface ReportVisualization {
  visualization: string;
  [property: string]: unknown;
}

export interface ReportSection {
  title: string;
  description?: string;
  query: string;
  result: {
    columns: ReportColumn[];
    rows: unknown[][];
    visualization: ReportVisualization | null;
    /** Rows the query returned when `rows` holds only the first of them. */
    totalRows?: number;
  };
}

export interface ReportOptions {
  title: string;
  subtitle?: string;
  /** Shown in the header; default: now. */
  generatedAt?: Date | string;
  /** Rows of each table (default 1000); the chart uses up to maxChartRows. */
  maxTableRows?: number;
  /** Rows given to each chart (default 10000). */
  maxChartRows?: number;
  /** Where report.js/report.css are (default: found next to the running code, see assets.ts). */
  assetsDir?: string;
}

const NUMERIC = new Set(['int', 'long', 'real', 'decimal']);
const MAX_CELL_CHARS = 2000;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const count = (n: number) => n.toLocaleString('en-US');

export function reportCsp(script: string, style: string): string {
  return `default-src 'none'; script-src ${sha256(script)}; style-src ${sha256(style)}; img-src data:; base-uri 'none'; form-action 'none'`;
}

const hasChart = (section: ReportSection) => {
  const kind = section.result.visualization?.visualization?.toLowerCase();
  return !!kind && kind !== 'table' && section.result.columns.length > 0 && section.result.rows.length > 0;
};

function tableHtml(section: ReportSection, maxRows: number): string {
  const { columns, rows } = section.result;
  if (columns.length === 0) return '<p class="empty">No result.</p>';
  const head = columns
    .map((c) => `<th scope="col">${escapeHtml(c.name)}<span class="type">${escapeHtml(c.type)}</span></th>`)
    .join('');
  const body = rows.slice(0, maxRows).map((row) => {
    const cells = columns.map((c, i) => {
      const value = row[i];
      const text = cellText(value);
      const shown = text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS)}…` : text;
      const cls = [NUMERIC.has(c.type) ? 'num' : '', value === null || value === undefined ? 'null' : ''].filter(Boolean).join(' ');
      return `<td${cls ? ` class="${cls}"` : ''}>${escapeHtml(shown)}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  const total = section.result.totalRows ?? rows.length;
  const shown = Math.min(rows.length, maxRows);
  const note = total === 0
    ? '<p class="rows-note">No rows.</p>'
    : `<p class="rows-note">${shown < total ? `Showing the first ${count(shown)} of ${count(total)} rows.` : `${count(total)} ${total === 1 ? 'row' : 'rows'}.`}</p>`;
  return `<div class="table-wrap" tabindex="0"><table><thead><tr>${head}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table></div>\n${note}`;
}

function sectionHtml(section: ReportSection, index: number, maxRows: number): string {
  const id = `hunt-${index + 1}`;
  const chart = hasChart(section)
    ? `<div class="chart" data-chart="${index}" role="img" aria-label="${escapeHtml(`Chart: ${section.title}`)}"></div>\n`
    : '';
  return `<section class="hunt" id="${id}" aria-labelledby="${id}-title">
<h2 id="${id}-title">${escapeHtml(section.title)}</h2>
${section.description ? `<p class="description">${escapeHtml(section.description)}</p>\n` : ''}<details class="query"><summary>Query</summary><pre><code>${escapeHtml(section.query)}</code></pre></details>
${chart}${tableHtml(section, maxRows)}
</section>`;
}

export function htmlReport(sections: readonly ReportSection[], options: ReportOptions): string {
  const assets = loadAssets(options.assetsDir);
  const script = inlineScript(assets.script);
  const style = inlineStyle(assets.style);
  const maxTableRows = options.maxTableRows ?? 1000;
  const maxChartRows = options.maxChartRows ?? 10_000;
  const generated = options.generatedAt instanceof Date ? options.generatedAt.toISOString() : (options.generatedAt ?? new Date().toISOString());

  const charts: Record<string, unknown> = {};
  sections.forEach((section, i) => {
    if (!hasChart(section)) return;
    const { columns, rows, visualization } = section.result;
    charts[String(i)] = { columns, rows: rows.slice(0, maxChartRows), visualization };
  });
  const toc = sections.length > 1
    ? `<nav class="toc" aria-label="Hunts"><ol>${sections.map((s, i) => `<li><a href="#hunt-${i + 1}">${escapeHtml(s.title)}</a></li>`).join('')}</ol></nav>`
    : '';

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(reportCsp(script, style))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="sentinel-hunt">
<title>${escapeHtml(options.title)}</title>
<style>${style}</style>
</head>
<body>
<header class="report-header">
<h1>${escapeHtml(options.title)}</h1>
${options.subtitle ? `<p class="subtitle">${escapeHtml(options.subtitle)}</p>\n` : ''}<p class="generated">Generated ${escapeHtml(generated)}</p>
${toc}
</header>
<main>
${sections.map((s, i) => sectionHtml(s, i, maxTableRows)).join('\n')}
</main>
<script type="application/json" id="report-data">${scriptJson({ charts })}</script>
<script>${script}</script>
</body>
</html>
`;
}
