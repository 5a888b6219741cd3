// IPv4 functions: parse_ipv4 (to a long, masked by an optional /prefix), ipv4_is_private
// (10/8, 172.16/12, 192.168/16), ipv4_is_in_range(address, range). Text that is not an IPv4
// address (optionally in IP-prefix notation) gives null.
import type { Value } from '../data/column';
import { stringFunction } from './kernel/functions';
import type { ScalarFunction } from './types';

interface Prefix {
  address: number; // unsigned 32-bit value
  length: number; // prefix length, 0-32
}

export function parseIpv4Prefix(text: string): Prefix | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const octets = m.slice(1, 5).map(Number);
  const length = m[5] === undefined ? 32 : Number(m[5]);
  if (octets.some((o) => o > 255) || length > 32) return null;
  return { address: ((octets[0] * 256 + octets[1]) * 256 + octets[2]) * 256 + octets[3], length };
}

/** The address with the bits beyond the prefix cleared. */
function network(address: number, length: number): number {
  const block = 2 ** (32 - length);
  return Math.floor(address / block) * block;
}

function inPrefix(address: number, range: Prefix): boolean {
  return network(address, range.length) === network(range.address, range.length);
}

const PRIVATE: Prefix[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((text) => parseIpv4Prefix(text)!);

function parseIpv4(text: string): number | null {
  const prefix = parseIpv4Prefix(text);
  return prefix === null ? null : network(prefix.address, prefix.length);
}

function isPrivate(text: string): boolean | null {
  const prefix = parseIpv4Prefix(text);
  if (prefix === null) return null;
  return PRIVATE.some((block) => prefix.length >= block.length && inPrefix(prefix.address, block));
}

function isInRange(text: string, [rangeValue]: readonly Value[]): boolean | null {
  const address = parseIpv4Prefix(text);
  const range = typeof rangeValue === 'string' ? parseIpv4Prefix(rangeValue) : null;
  if (address === null || range === null) return null;
  return inPrefix(network(address.address, address.length), range);
}

export const ipFunctions: Record<string, ScalarFunction> = {
  parse_ipv4: stringFunction(parseIpv4),
  ipv4_is_private: stringFunction(isPrivate),
  ipv4_is_in_range: stringFunction(isInRange),
};
