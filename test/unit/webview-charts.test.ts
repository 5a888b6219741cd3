// The chart mapping (src/webview/charts/chart-options.ts): each Kusto render kind and property
// becomes the right ECharts series types, stacking and axes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { chartOptions, type ChartData } from '../../src/webview/charts/chart-options';
import { CHART_KINDS, renderSpec } from '../../src/webview/charts/render-spec';
import { lightTheme } from '../../src/webview/charts/theme';

type Obj = Record<string, unknown>;
const list = (value: unknown): Obj[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]) as Obj[];
const seriesOf = (option: Obj) => list(option.series);
const axes = (option: Obj, which: 'xAxis' | 'yAxis') => list(option[which]);
const graphicTexts = (option: Obj) => list(option.graphic).map((g) => (g.style as Obj).text);

const hourly: ChartData = {
  columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Status', type: 'string' }, { name: 'Count', type: 'long' }, { name: 'Bytes', type: 'real' }],
  rows: [
    ['2024-05-01T02:00:00Z', 'Delivered', 5, 500],
    ['2024-05-01T00:00:00Z', 'Delivered', 3, 300],
    ['2024-05-01T01:00:00Z', 'Failed', 1, 10],
    ['2024-05-01T01:00:00Z', 'Delivered', 4, 400],
    ['2024-05-01T00:00:00.5Z', 'Failed', 2, 20],
  ],
};

const bySender: ChartData = {
  columns: [{ name: 'Sender', type: 'string' }, { name: 'Messages', type: 'long' }, { name: 'Recipients', type: 'long' }],
  rows: [['a@x.com', 10, 3], ['b@x.com', 30, 1], ['c@x.com', 20, 2], ['a@x.com', 5, 1]],
};

const option = (data: ChartData, visualization: Obj | string) => chartOptions(data, visualization as never, lightTheme) as Obj;

describe('chartOptions: render kinds', () => {
  it('timechart: time x axis, one line per series value and measure, points sorted by time, zoom', () => {
    const o = option(hourly, { visualization: 'timechart' });
    assert.equal(axes(o, 'xAxis')[0].type, 'time');
    assert.equal(axes(o, 'yAxis')[0].type, 'value');
    const s = seriesOf(o);
    assert.deepEqual(s.map((x) => x.type), ['line', 'line', 'line', 'line']);
    assert.deepEqual(s.map((x) => x.name), ['Delivered:Count', 'Delivered:Bytes', 'Failed:Count', 'Failed:Bytes']);
    const delivered = s[0].data as [number, number][];
    assert.deepEqual(delivered.map(([x]) => x), [Date.UTC(2024, 4, 1, 0), Date.UTC(2024, 4, 1, 1), Date.UTC(2024, 4, 1, 2)]);
    assert.deepEqual(delivered.map(([, y]) => y), [3, 4, 5]);
    assert.deepEqual((s[2].data as [number, number][])[0], [Date.UTC(2024, 4, 1, 0) + 500, 2]);
    const zoom = list(o.dataZoom);
    assert.ok(zoom.some((z) => z.type === 'inside') && zoom.some((z) => z.type === 'slider'), 'time axes zoom');
    assert.equal(o.useUTC, true);
  });

  it('timechart with ycolumns and series picks those columns', () => {
    const o = option(hourly, { visualization: 'timechart', ycolumns: ['Bytes'], series: ['Status'] });
    assert.deepEqual(seriesOf(o).map((s) => s.name), ['Delivered', 'Failed']);
  });

  it('linechart: numeric x on a value axis, sorted; string x on a category axis', () => {
    const data: ChartData = { columns: [{ name: 'Size', type: 'long' }, { name: 'n', type: 'long' }], rows: [[30, 1], [10, 2], [20, 3]] };
    const o = option(data, { visualization: 'linechart' });
    assert.equal(axes(o, 'xAxis')[0].type, 'value');
    assert.deepEqual(seriesOf(o)[0].data, [[10, 2], [20, 3], [30, 1]]);
    assert.equal(seriesOf(o)[0].type, 'line');
    const c = option(bySender, { visualization: 'linechart' });
    assert.equal(axes(c, 'xAxis')[0].type, 'category');
  });

  it('areachart: lines with areas, unstacked by default; kind=stacked stacks; stackedareachart stacks', () => {
    const plain = seriesOf(option(hourly, { visualization: 'areachart', ycolumns: ['Count'] }));
    assert.ok(plain.every((s) => s.type === 'line' && s.areaStyle && s.stack === undefined));
    const stacked = seriesOf(option(hourly, { visualization: 'areachart', ycolumns: ['Count'], kind: 'stacked' }));
    assert.ok(stacked.every((s) => s.areaStyle && s.stack === 'stack-0'));
    const named = seriesOf(option(hourly, { visualization: 'stackedareachart', ycolumns: ['Count'] }));
    assert.ok(named.every((s) => s.areaStyle && s.stack === 'stack-0'));
    // ECharts stacks time axes by index: stacked series are aligned on the union of x, gaps as 0.
    const xs = named.map((s) => (s.data as [number, number][]).map(([x]) => x));
    assert.deepEqual(xs[0], xs[1]);
    assert.equal(xs[0].length, 4);
    assert.deepEqual((named[0].data as [number, number][]).map(([, y]) => y), [3, 0, 4, 5]);
  });

  it('stacked100: every x sums to 100 and the y axis ends at 100%', () => {
    const o = option(hourly, { visualization: 'columnchart', xcolumn: 'TimeGenerated', ycolumns: ['Count'], series: ['Status'], kind: 'stacked100' });
    const s = seriesOf(o);
    const n = (s[0].data as number[]).length;
    for (let k = 0; k < n; k++) assert.equal(Math.round(s.reduce((sum, x) => sum + (x.data as number[])[k], 0)), 100);
    assert.equal(axes(o, 'yAxis')[0].max, 100);
  });

  it('columnchart: category x (first non-numeric column, query order), vertical bars, a series per measure', () => {
    const o = option(bySender, { visualization: 'columnchart' });
    assert.equal(axes(o, 'xAxis')[0].type, 'category');
    assert.deepEqual(axes(o, 'xAxis')[0].data, ['a@x.com', 'b@x.com', 'c@x.com']);
    assert.equal(axes(o, 'yAxis')[0].type, 'value');
    const s = seriesOf(o);
    assert.deepEqual(s.map((x) => [x.type, x.name, x.stack]), [['bar', 'Messages', undefined], ['bar', 'Recipients', undefined]]);
    assert.deepEqual(s[0].data, [15, 30, 20], 'equal categories add up');
  });

  it('columnchart kind=stacked stacks the bars; unstacked does not', () => {
    assert.ok(seriesOf(option(bySender, { visualization: 'columnchart', kind: 'stacked' })).every((s) => s.stack === 'stack-0'));
    assert.ok(seriesOf(option(bySender, { visualization: 'columnchart', kind: 'unstacked' })).every((s) => s.stack === undefined));
  });

  it('barchart: horizontal bars: category y axis (first row on top), value x axis', () => {
    const o = option(bySender, { visualization: 'barchart' });
    assert.equal(axes(o, 'yAxis')[0].type, 'category');
    assert.equal(axes(o, 'yAxis')[0].inverse, true);
    assert.equal(axes(o, 'xAxis')[0].type, 'value');
    assert.ok(seriesOf(o).every((s) => s.type === 'bar'));
  });

  it('piechart: first string column as labels, first numeric column as values', () => {
    const o = option(bySender, { visualization: 'piechart' });
    const [pie] = seriesOf(o);
    assert.equal(pie.type, 'pie');
    assert.deepEqual(pie.data, [{ name: 'a@x.com', value: 15 }, { name: 'b@x.com', value: 30 }, { name: 'c@x.com', value: 20 }]);
    const reordered: ChartData = { columns: [{ name: 'n', type: 'long' }, { name: 'Domain', type: 'string' }], rows: [[1, 'x'], [2, 'y']] };
    assert.deepEqual(seriesOf(option(reordered, 'piechart'))[0].data, [{ name: 'x', value: 1 }, { name: 'y', value: 2 }]);
  });

  it('scatterchart: scatter series on numeric axes, not sorted', () => {
    const data: ChartData = { columns: [{ name: 'Name', type: 'string' }, { name: 'Size', type: 'real' }, { name: 'Score', type: 'real' }], rows: [['a', 3, 1], ['b', 1, 2]] };
    const o = option(data, { visualization: 'scatterchart' });
    assert.equal(axes(o, 'xAxis')[0].type, 'value');
    assert.deepEqual(seriesOf(o).map((s) => s.type), ['scatter', 'scatter']);
    assert.deepEqual(seriesOf(o)[0].data, [[3, 1]]);
    assert.deepEqual(seriesOf(o).map((s) => s.name), ['a', 'b'], 'the string column splits the series');
  });

  it('anomalychart: a time line plus markers where the anomaly column flags a point', () => {
    const data: ChartData = {
      columns: [{ name: 'T', type: 'datetime' }, { name: 'Count', type: 'long' }, { name: 'anomalies', type: 'int' }],
      rows: [['2024-05-01T00:00:00Z', 1, 0], ['2024-05-01T01:00:00Z', 50, 1], ['2024-05-01T02:00:00Z', 2, 0]],
    };
    const o = option(data, { visualization: 'anomalychart', anomalycolumns: ['anomalies'] });
    const s = seriesOf(o);
    assert.equal(axes(o, 'xAxis')[0].type, 'time');
    assert.deepEqual(s.map((x) => x.type), ['line', 'scatter']);
    assert.deepEqual(s[1].data, [[Date.UTC(2024, 4, 1, 1), 50]]);
    assert.equal(s[0].name, 'Count', 'the anomaly column is not a measure');
  });

  it('card: the first value, large', () => {
    const data: ChartData = { columns: [{ name: 'Suspicious', type: 'long' }, { name: 'Other', type: 'long' }], rows: [[12345, 1], [1, 1]] };
    assert.deepEqual(graphicTexts(option(data, { visualization: 'card', title: 'Hits' })), ['12,345', 'Suspicious']);
    assert.equal((option(data, 'card').series), undefined);
  });
});

describe('chartOptions: properties', () => {
  it('title, xtitle, ytitle', () => {
    const o = option(hourly, { visualization: 'timechart', title: 'Mail per hour', xtitle: 'Hour', ytitle: 'Messages' });
    assert.equal((o.title as Obj).text, 'Mail per hour');
    assert.equal(axes(o, 'xAxis')[0].name, 'Hour');
    assert.equal(axes(o, 'yAxis')[0].name, 'Messages');
  });

  it('legend=hidden hides the legend; visible by default', () => {
    assert.equal((option(hourly, { visualization: 'timechart', legend: 'hidden' }).legend as Obj).show, false);
    assert.equal((option(hourly, { visualization: 'timechart' }).legend as Obj).show, true);
  });

  it('ysplit=axes: one y axis per measure; ysplit=panels: one grid per measure', () => {
    const ax = option(hourly, { visualization: 'timechart', ysplit: 'axes', series: ['Status'] });
    assert.equal(axes(ax, 'yAxis').length, 2);
    assert.deepEqual(seriesOf(ax).map((s) => s.yAxisIndex), [0, 1, 0, 1]);
    const panels = option(hourly, { visualization: 'timechart', ysplit: 'panels' });
    assert.equal(list(panels.grid).length, 2);
    assert.equal(axes(panels, 'xAxis').length, 2);
    assert.deepEqual(seriesOf(panels).map((s) => s.xAxisIndex), [0, 1, 0, 1]);
    assert.deepEqual(list(panels.dataZoom)[0].xAxisIndex, [0, 1], 'zoom moves all panels');
  });

  it('accumulate: running sums per series', () => {
    const o = option(hourly, { visualization: 'timechart', ycolumns: ['Count'], accumulate: true });
    assert.deepEqual((seriesOf(o)[0].data as [number, number][]).map(([, y]) => y), [3, 7, 12]);
  });

  it('Log Analytics camel case and nulls: yColumns, xColumn, ySplit, yMin "NaN"', () => {
    const o = option(hourly, { visualization: 'timechart', xColumn: 'TimeGenerated', yColumns: ['Bytes'], series: null, yMin: 'NaN', yMax: 1000, title: null });
    assert.deepEqual(seriesOf(o).map((s) => s.name), ['Delivered', 'Failed']);
    assert.equal(axes(o, 'yAxis')[0].min, undefined);
    assert.equal(axes(o, 'yAxis')[0].max, 1000);
  });

  it('yaxis=log gives a log axis', () => {
    assert.equal(axes(option(bySender, { visualization: 'columnchart', yaxis: 'log' }), 'yAxis')[0].type, 'log');
  });

  it('a kind the charts do not draw falls back, with a note', () => {
    const o = option(bySender, { visualization: 'ladderchart' });
    assert.ok(seriesOf(o).every((s) => s.type === 'bar'));
    assert.match(String((o.title as Obj).subtext), /ladderchart/);
  });

  it('a named column that is missing is noted', () => {
    assert.match(String((option(hourly, { visualization: 'timechart', ycolumns: ['Count', 'Nope'] }).title as Obj).subtext), /Nope/);
  });

  it('nothing numeric: a message instead of an empty chart', () => {
    const data: ChartData = { columns: [{ name: 'a', type: 'string' }], rows: [['x']] };
    assert.match(String(graphicTexts(option(data, 'columnchart'))[0]), /no numeric column/);
  });

  it('make-series arrays are expanded to one series per row', () => {
    const data: ChartData = {
      columns: [{ name: 'Status', type: 'string' }, { name: 'n', type: 'dynamic' }, { name: 'T', type: 'dynamic' }],
      rows: [
        ['Delivered', [1, 2, 3], ['2024-05-01T00:00:00Z', '2024-05-01T01:00:00Z', '2024-05-01T02:00:00Z']],
        ['Failed', [0, 1, 0], ['2024-05-01T00:00:00Z', '2024-05-01T01:00:00Z', '2024-05-01T02:00:00Z']],
      ],
    };
    const o = option(data, { visualization: 'timechart' });
    assert.equal(axes(o, 'xAxis')[0].type, 'time');
    assert.deepEqual(seriesOf(o).map((s) => s.name), ['Delivered', 'Failed']);
    assert.deepEqual((seriesOf(o)[0].data as [number, number][]).map(([, y]) => y), [1, 2, 3]);
  });

  it('theme colours are used for the palette and text', () => {
    const o = option(bySender, 'columnchart');
    assert.deepEqual(o.color, lightTheme.palette);
    assert.equal((o.textStyle as Obj).color, lightTheme.foreground);
  });

  it('large series: no symbols and LTTB sampling', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(), i % 17]);
    const [s] = seriesOf(option({ columns: [{ name: 'T', type: 'datetime' }, { name: 'v', type: 'long' }], rows }, 'timechart'));
    assert.equal(s.showSymbol, false);
    assert.equal(s.sampling, 'lttb');
  });

  it('renderSpec normalizes property names and values', () => {
    const spec = renderSpec({ visualization: 'StackedAreaChart', Legend: 'Hidden', ycolumns: 'a, b', ySplit: 'Panels' });
    assert.equal(spec.kind, 'areachart');
    assert.equal(spec.stacking, 'stacked');
    assert.equal(spec.legend, false);
    assert.deepEqual(spec.ycolumns, ['a', 'b']);
    assert.equal(spec.ysplit, 'panels');
  });
});

describe('chartOptions: any result', () => {
  const types = ['string', 'long', 'real', 'datetime', 'timespan', 'bool', 'dynamic', 'guid'];
  const value = fc.oneof(
    fc.constant(null), fc.integer(), fc.double(), fc.string(), fc.boolean(),
    fc.date({ min: new Date(0), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true }).map((d) => d.toISOString()),
    fc.array(fc.oneof(fc.integer(), fc.constant(null)), { maxLength: 4 }), fc.dictionary(fc.string(), fc.integer()),
  );
  const result = fc.integer({ min: 0, max: 5 }).chain((n) => fc.record({
    columns: fc.array(fc.record({ name: fc.string({ minLength: 1, maxLength: 6 }), type: fc.constantFrom(...types) }), { minLength: n, maxLength: n }),
    rows: fc.array(fc.array(value, { minLength: n, maxLength: n }), { maxLength: 12 }),
  }));
  const request = fc.record({
    visualization: fc.constantFrom(...CHART_KINDS, 'ladderchart', 'table', 'nonsense'),
    kind: fc.constantFrom(undefined, 'stacked', 'stacked100', 'unstacked'),
    ysplit: fc.constantFrom(undefined, 'axes', 'panels'),
    accumulate: fc.boolean(),
    series: fc.constantFrom(undefined, ['x'], 'a,b'),
  });

  it('never throws, and every series has a known ECharts type', () => {
    fc.assert(fc.property(result, request, (data, vis) => {
      const o = chartOptions(data, vis as never, lightTheme) as Obj;
      for (const s of seriesOf(o)) assert.ok(['line', 'bar', 'pie', 'scatter'].includes(String(s.type)));
      JSON.stringify(o);
    }), { numRuns: 400 });
  });
});
