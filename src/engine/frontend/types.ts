import type { KqlType } from '../data/column';
import type { Field } from '../data/table';
import { KUSTO_TYPES } from '../../kql/schema';
import { NotSupportedError } from '../errors';
import { resultColumns, type Node } from './syntax';

/**
 * Kusto.Language's type name (`long`, `dynamic(array)` ...) as the engine's type. `where` names
 * the value for the error; it is a function because a node's text costs a walk of its tokens.
 */
export function engineType(kustoName: string | null | undefined, where: string | (() => string)): KqlType {
  const name = (kustoName ?? '').toLowerCase();
  if (name.startsWith('dynamic') || name === 'tuple') return 'dynamic';
  if ((KUSTO_TYPES as readonly string[]).includes(name)) return name as KqlType;
  throw new NotSupportedError(`${typeof where === 'string' ? where : where()} of type ${kustoName ?? 'unknown'}`);
}

/** The columns of a tabular node's result type, as Kusto.Language's binder computed them. */
export function fieldsOf(node: Node): Field[] {
  return resultColumns(node).map((c) => ({ name: c.name, type: engineType(c.type, `column ${c.name}`) }));
}
