// Rewrites of common idioms into one internal function that computes the same value without
// the intermediate dynamic values: `tostring(split(address, "@")[1])` (the domain of an
// address, in almost every mail hunt) builds no array per row.
import { SPLIT_PART } from '../ir/internal-functions';
import type { Expr } from '../ir/plan';

/** The fused form of a call, or the call itself. */
export function fuseCall(call: Extract<Expr, { kind: 'call' }>): Expr {
  if (call.name !== 'tostring' || call.args.length !== 1) return call;
  const [element] = call.args;
  if (element.kind !== 'member' || typeof element.key !== 'number' || !Number.isInteger(element.key)) return call;
  const split = element.target;
  if (split.kind !== 'call' || split.name !== 'split' || split.args.length !== 2) return call;
  const [source, delimiter] = split.args;
  if (source.type !== 'string' || delimiter.kind !== 'literal' || typeof delimiter.value !== 'string') return call;
  return { kind: 'call', name: SPLIT_PART, args: [source, delimiter, { kind: 'literal', type: 'long', value: element.key }], type: 'string' };
}
