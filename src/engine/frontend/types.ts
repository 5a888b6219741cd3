import type { KqlType } from '../data/column';
import { KUSTO_TYPES } from '../../kql/schema';
import { NotSupportedError } from '../errors';

/** Kusto.Language's type name (`long`, `dynamic(array)` ...) as the engine's type. */
export function engineType(kustoName: string | null | undefined, where: string): KqlType {
  const name = (kustoName ?? '').toLowerCase();
  if (name.startsWith('dynamic') || name === 'tuple') return 'dynamic';
  if ((KUSTO_TYPES as readonly string[]).includes(name)) return name as KqlType;
  throw new NotSupportedError(`${where} of type ${kustoName ?? 'unknown'}`);
}
