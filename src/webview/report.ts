// Entry of the HTML report's script (bundled to dist/webview/report.js and inlined by
// src/report/html-report.ts): draws each section's chart from the JSON data block with the same
// chart mapping as the results panel.
import { chartOptions, type ChartData, type ChartRequest } from './charts/chart-options';
import { init, type ECharts } from './charts/echarts-setup';
import { readTheme } from './charts/read-theme';

interface ReportChart extends ChartData {
  visualization: ChartRequest;
}

interface ReportData {
  charts: Record<string, ReportChart>;
}

function readData(): ReportData | undefined {
  const block = document.getElementById('report-data');
  if (!block?.textContent) return undefined;
  try {
    return JSON.parse(block.textContent) as ReportData;
  } catch (err) {
    console.error('report: the data block is not valid JSON', err);
    return undefined;
  }
}

function drawAll(): void {
  const data = readData();
  if (!data) return;
  const charts: { chart: ECharts; spec: ReportChart }[] = [];
  for (const element of Array.from(document.querySelectorAll<HTMLElement>('.chart[data-chart]'))) {
    const spec = data.charts[element.dataset.chart ?? ''];
    if (!spec) continue;
    const chart = init(element, undefined, { renderer: 'canvas' });
    chart.setOption(chartOptions(spec, spec.visualization, readTheme()));
    element.dataset.drawn = 'true';
    charts.push({ chart, spec });
  }
  window.addEventListener('resize', () => charts.forEach(({ chart }) => chart.resize()));
  window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', () => {
    const theme = readTheme();
    for (const { chart, spec } of charts) chart.setOption(chartOptions(spec, spec.visualization, theme), { notMerge: true });
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', drawAll);
else drawAll();
