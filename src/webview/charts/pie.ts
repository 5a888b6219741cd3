// Pie chart: one slice per label (the x column), sized by the first measure; equal labels add up.
import type { EChartsOption } from 'echarts';
import { baseOption, legendOption, messageOption, titleHeight, titleOption, tooltipOption } from './common';
import type { RenderSpec } from './render-spec';
import type { Roles } from './roles';
import type { ChartTheme } from './theme';
import { labelOf, toNumber, type ChartData } from './values';

export const MAX_SLICES = 100;

export function pieOption(data: ChartData, spec: RenderSpec, roles: Roles, theme: ChartTheme): EChartsOption {
  const y = roles.ys[0];
  if (y === undefined) return messageOption(theme, 'Nothing to chart: the result has no numeric column for the slices', spec.title);
  const labelType = data.columns[roles.x].type;
  const slices = new Map<string, number>();
  for (const row of data.rows) {
    const value = toNumber(row[y]);
    if (value === null) continue;
    const name = labelOf(row[roles.x], labelType) || '(empty)';
    slices.set(name, (slices.get(name) ?? 0) + value);
  }
  if (slices.size === 0) return messageOption(theme, 'No rows to chart', spec.title);
  let items = [...slices].map(([name, value]) => ({ name, value }));
  const notes: string[] = [];
  if (spec.requested) notes.push(`render ${spec.requested} is drawn as piechart`);
  if (roles.missing.length > 0) notes.push(`not in the result: ${roles.missing.join(', ')}`);
  if (items.length > MAX_SLICES) {
    // The largest slices, and the rest as one.
    const sorted = [...items].sort((a, b) => b.value - a.value);
    const rest = sorted.slice(MAX_SLICES - 1).reduce((sum, s) => sum + s.value, 0);
    items = [...sorted.slice(0, MAX_SLICES - 1), { name: 'Other', value: rest }];
    notes.push(`${slices.size - MAX_SLICES + 1} smallest slices are shown as "Other"`);
  }
  const top = titleHeight(spec.title, notes);
  return {
    ...baseOption(theme),
    title: titleOption(theme, spec.title, notes),
    legend: legendOption(theme, spec.legend, top),
    tooltip: { ...tooltipOption(theme, 'item'), formatter: '{b}: {c} ({d}%)' },
    series: [{
      type: 'pie',
      name: data.columns[y].name,
      radius: ['0%', '65%'],
      center: ['50%', '58%'],
      data: items,
      label: { color: theme.foreground },
      labelLine: { lineStyle: { color: theme.muted } },
      itemStyle: { borderColor: theme.background, borderWidth: 1 },
    }],
  };
}
