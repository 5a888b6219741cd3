// The `render` properties as the chart mapping uses them. The local engine sends lower-case
// names (xcolumn, ycolumns ...); Log Analytics sends camel case (xColumn, yColumns) with nulls and
// "NaN" for unset values; both arrive here and become one shape.

/** The render kinds the charts draw. */
export const CHART_KINDS = [
  'timechart', 'linechart', 'areachart', 'stackedareachart', 'columnchart', 'barchart',
  'piechart', 'scatterchart', 'anomalychart', 'card',
] as const;

export type ChartKind = (typeof CHART_KINDS)[number];

export type Stacking = 'none' | 'stacked' | 'stacked100';

export interface RenderSpec {
  kind: ChartKind;
  /** The kind the query asked for when it is not one of CHART_KINDS (drawn as `kind`). */
  requested?: string;
  title?: string;
  xcolumn?: string;
  ycolumns?: string[];
  series?: string[];
  anomalycolumns?: string[];
  stacking: Stacking;
  xtitle?: string;
  ytitle?: string;
  legend: boolean;
  ysplit: 'none' | 'axes' | 'panels';
  accumulate: boolean;
  xlog: boolean;
  ylog: boolean;
  ymin?: number;
  ymax?: number;
}

/** What other render kinds are drawn as. */
const FALLBACK: Record<string, ChartKind> = {
  ladderchart: 'barchart',
  timepivot: 'timechart',
  pivotchart: 'columnchart',
  treemap: 'piechart',
  '3dchart': 'columnchart',
  table: 'columnchart',
  list: 'columnchart',
};

export function isChartKind(kind: string): kind is ChartKind {
  return (CHART_KINDS as readonly string[]).includes(kind);
}

function lowerKeys(value: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, v] of Object.entries(value)) if (v !== null && v !== undefined) out.set(key.toLowerCase(), v);
  return out;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A column list: an array of names or a comma-separated string. */
function names(value: unknown): string[] | undefined {
  const list = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? value.split(',') : [];
  const trimmed = list.map((s) => s.trim()).filter(Boolean);
  return trimmed.length > 0 ? trimmed : undefined;
}

function finite(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function stackingOf(kind: string | undefined): Stacking {
  if (kind === 'stacked') return 'stacked';
  if (kind === 'stacked100') return 'stacked100';
  return 'none';
}

/** Normalizes a `render` (or just a kind name, for a chart the user asked for). */
export function renderSpec(visualization: { visualization: string; [property: string]: unknown } | string): RenderSpec {
  const props = lowerKeys(typeof visualization === 'string' ? { visualization } : visualization);
  const asked = String(props.get('visualization') ?? '').trim().toLowerCase();
  let kind: ChartKind = isChartKind(asked) ? asked : (FALLBACK[asked] ?? 'columnchart');
  let stacking = stackingOf(text(props.get('kind'))?.toLowerCase());
  if (kind === 'stackedareachart') {
    kind = 'areachart';
    if (stacking === 'none') stacking = 'stacked';
  }
  const ysplit = text(props.get('ysplit'))?.toLowerCase();
  return {
    kind,
    requested: isChartKind(asked) ? undefined : asked,
    title: text(props.get('title')),
    xcolumn: text(props.get('xcolumn')),
    ycolumns: names(props.get('ycolumns')),
    series: names(props.get('series')),
    anomalycolumns: names(props.get('anomalycolumns')),
    stacking,
    xtitle: text(props.get('xtitle')),
    ytitle: text(props.get('ytitle')),
    legend: text(props.get('legend'))?.toLowerCase() !== 'hidden',
    ysplit: ysplit === 'axes' || ysplit === 'panels' ? ysplit : 'none',
    accumulate: props.get('accumulate') === true || props.get('accumulate') === 'true',
    xlog: text(props.get('xaxis'))?.toLowerCase() === 'log',
    ylog: text(props.get('yaxis'))?.toLowerCase() === 'log',
    ymin: finite(props.get('ymin')),
    ymax: finite(props.get('ymax')),
  };
}
