// Card: the first value of the first row (the first measure when there is one), large.
import type { EChartsOption } from 'echarts';
import { baseOption, messageOption, titleOption } from './common';
import type { RenderSpec } from './render-spec';
import type { Roles } from './roles';
import type { ChartTheme } from './theme';
import { labelOf, type ChartData } from './values';

function cardText(value: unknown, type: string): string {
  if (typeof value === 'number') return value.toLocaleString('en-US', { maximumFractionDigits: 6 });
  return labelOf(value, type) || '(empty)';
}

export function cardOption(data: ChartData, spec: RenderSpec, roles: Roles, theme: ChartTheme): EChartsOption {
  if (data.rows.length === 0 || data.columns.length === 0) return messageOption(theme, 'No rows to show', spec.title);
  const c = spec.ycolumns && roles.ys.length > 0 ? roles.ys[0] : 0;
  const column = data.columns[c];
  return {
    ...baseOption(theme),
    title: titleOption(theme, spec.title, []),
    graphic: [
      {
        type: 'text',
        left: 'center',
        top: '38%',
        silent: true,
        style: { text: cardText(data.rows[0][c], column.type), fill: theme.foreground, fontSize: 48, fontWeight: 'bold', fontFamily: theme.fontFamily },
      },
      {
        type: 'text',
        left: 'center',
        top: '62%',
        silent: true,
        style: { text: column.name, fill: theme.muted, fontSize: theme.fontSize + 2, fontFamily: theme.fontFamily },
      },
    ],
  };
}
