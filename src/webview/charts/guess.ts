// The chart offered for a result that has no `render`: what Kusto's own rules would draw best.
import type { ChartKind } from './render-spec';
import { isNumericType, isStringType, isTimeType, type ChartColumn } from './values';

export function guessKind(columns: readonly ChartColumn[], rowCount: number): ChartKind {
  const numbers = columns.filter((c) => isNumericType(c.type)).length;
  if (numbers === 0) return 'columnchart';
  if (columns.some((c) => isTimeType(c.type)) || columns.some((c) => c.type.toLowerCase() === 'dynamic')) return 'timechart';
  if (rowCount === 1 && columns.length === 1) return 'card';
  if (columns.some((c) => isStringType(c.type))) return 'columnchart';
  return numbers >= 2 ? 'scatterchart' : 'columnchart';
}
