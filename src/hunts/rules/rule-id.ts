// Rule ids: a name-based (version 5, SHA-1) UUID, so re-exporting the same hunt for the same
// tenant and profile gives the same id and Sentinel updates the rule instead of adding one.
import { createHash } from 'node:crypto';

// The namespace of sentinel-hunt's rule names: a random UUID, chosen once and never to change.
const NAMESPACE = '72be3404-c73c-4fa4-9f33-564082cf3e81';

export function nameBasedUuid(name: string, namespace = NAMESPACE): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
