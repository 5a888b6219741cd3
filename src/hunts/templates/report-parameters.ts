// Parameters the report templates share.
import type { ParameterSpec } from '../parameters';

export function lookbackParameter(defaultValue: string): ParameterSpec {
  return { name: 'lookback', type: 'timespan', default: defaultValue, min: 5, max: 365 * 1440, description: 'How far back to look.' };
}

export const topNParameter: ParameterSpec = {
  name: 'topN', type: 'int', default: '10', min: 1, max: 10_000, description: 'How many rows to show.',
};
