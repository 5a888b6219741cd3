// Lookalike domains of the tenant's domains for the `lookalike` scenario: by default a few
// single edits that dnstwist's fuzzers certainly produce (omission: one letter dropped;
// transposition: two adjacent letters swapped) and one homoglyph with a Cyrillic letter,
// written in punycode. src/lookalike/ has the full fuzzers; this does not depend on it.
import { domainToASCII, domainToUnicode } from 'node:url';
import type { Random } from './random';

export interface LookalikeDomain {
  /** ASCII (punycode for an internationalised name), as message trace shows it. */
  domain: string;
  /** The name as a reader sees it. */
  unicode: string;
  fuzzer: 'omission' | 'transposition' | 'homoglyph' | 'given';
  /** The tenant domain it imitates (unknown for given domains). */
  original?: string;
}

// Latin letters and the Cyrillic letters that look the same.
const CYRILLIC: Record<string, string> = { a: 'а', c: 'с', e: 'е', i: 'і', j: 'ј', o: 'о', p: 'р', s: 'ѕ', x: 'х', y: 'у' };
const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** Omission and transposition of each tenant domain, and a Cyrillic homoglyph of the first. */
export function defaultLookalikes(domains: readonly string[], random: Random): LookalikeDomain[] {
  const out: LookalikeDomain[] = [];
  const seen = new Set(domains);
  const add = (entry: LookalikeDomain | undefined): void => {
    if (!entry || seen.has(entry.domain)) return;
    seen.add(entry.domain);
    out.push(entry);
  };
  domains.forEach((original, index) => {
    const dot = original.indexOf('.');
    if (dot <= 0) return;
    const label = original.slice(0, dot);
    const rest = original.slice(dot);
    if (label.length >= 2) {
      const i = random.int(label.length);
      add(plain(`${label.slice(0, i)}${label.slice(i + 1)}`, rest, 'omission', original));
    }
    const swaps = [...label.slice(0, -1)].map((_, i) => i).filter((i) => label[i] !== label[i + 1]);
    if (swaps.length > 0) {
      const i = swaps[random.int(swaps.length)];
      add(plain(`${label.slice(0, i)}${label[i + 1]}${label[i]}${label.slice(i + 2)}`, rest, 'transposition', original));
    }
    if (index === 0) {
      const spots = [...label].map((_, i) => i).filter((i) => CYRILLIC[label[i]] !== undefined);
      if (spots.length > 0) {
        const i = spots[random.int(spots.length)];
        const unicode = `${label.slice(0, i)}${CYRILLIC[label[i]]}${label.slice(i + 1)}${rest}`;
        const domain = domainToASCII(unicode);
        if (domain) add({ domain, unicode, fuzzer: 'homoglyph', original });
      }
    }
  });
  return out;
}

/** Domains the caller chose, in ASCII / punycode. */
export function givenLookalikes(domains: readonly string[]): LookalikeDomain[] {
  return domains.map((name) => {
    const domain = domainToASCII(name.trim().toLowerCase());
    if (!domain) throw new Error(`not a domain name: ${JSON.stringify(name)}`);
    return { domain, unicode: domainToUnicode(domain), fuzzer: 'given' };
  });
}

function plain(label: string, rest: string, fuzzer: 'omission' | 'transposition', original: string): LookalikeDomain | undefined {
  if (!LABEL.test(label)) return undefined;
  const domain = `${label}${rest}`;
  return { domain, unicode: domain, fuzzer, original };
}
