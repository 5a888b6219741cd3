import type { KqlType } from '../data/column';
import type { Field } from '../data/table';
import { KUSTO_TYPES } from '../../kql/schema';
import { NotSupportedError } from '../errors';
import { resultColumns, type Node } from './syntax';

/** Kusto.Language's type name (`long`, `dynamic(array)` ...) as the engine's type. */
export function engineType(kustoName: string | null | undefined, where: string): KqlType {
  const name = (kustoName ?? '').toLowerCase();
  if (name.startsWith('dynamic') || name === 'tuple') return 'dynamic';
  if ((KUSTO_TYPES as readonly string[]).includes(name)) return name as KqlType;
  throw new NotSupportedError(`${where} of type ${kustoName ?? 'unknown'}`);
}

/** The columns of a tabular node's result type, as Kusto.Language's binder computed them. */
export function fieldsOf(node: Node): Field[] {
  return resultColumns(node).map((c) => ({ name: c.name, type: engineType(c.type, `column ${c.name}`) }));
}
