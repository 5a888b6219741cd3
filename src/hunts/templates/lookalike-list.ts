// The lookalike domains the impersonation hunt inlines: dnstwist-style permutations of each
// tenant domain (src/lookalike), capped, in fuzzer order of how likely a permutation is to be
// registered for phishing. Internationalised (xn--) permutations are left out: the hunt flags
// every punycode sender domain anyway, and they are most of the homoglyphs (thousands for a
// long name). The tenant's own domains and their subdomains are never in the list.
import { lookalikesOf, type FuzzerName } from '../../lookalike';
import { isTenantDomain } from '../domains';
import { kqlString } from '../kql-literals';

/** Most telling first: single edits of the name, then ASCII homoglyphs, then the rest. */
export const INLINE_FUZZER_ORDER: readonly FuzzerName[] = [
  'omission', 'transposition', 'repetition', 'replacement', 'vowel-swap', 'hyphenation', 'homoglyph', 'insertion',
  'addition', 'bitsquatting', 'plural', 'subdomain', 'various',
];

export interface InlineLookalike {
  domain: string;
  fuzzer: FuzzerName;
  original: string;
}

export interface InlineLookalikes {
  items: InlineLookalike[];
  /** ASCII permutations before the cap. */
  available: number;
}

/** Up to `max` lookalikes of the tenant domains, by INLINE_FUZZER_ORDER, each tenant domain in turn. */
export function inlineLookalikes(tenantDomains: readonly string[], max: number): InlineLookalikes {
  const perDomain = tenantDomains.map((original) => lookalikesOf(original).filter((l) => !l.domain.includes('xn--') && !isTenantDomain(l.domain, tenantDomains)));
  const seen = new Set<string>();
  const all: InlineLookalike[] = [];
  for (const fuzzer of INLINE_FUZZER_ORDER) {
    perDomain.forEach((list, i) => {
      for (const item of list) {
        if (item.fuzzer !== fuzzer || seen.has(item.domain)) continue;
        seen.add(item.domain);
        all.push({ domain: item.domain, fuzzer, original: tenantDomains[i] });
      }
    });
  }
  return { items: all.slice(0, max), available: all.length };
}

/**
 * `datatable(Original, Fuzzer, Domains: dynamic)`, one row per tenant domain and fuzzer, so
 * the list stays compact (an analytics rule's query is at most 10,000 characters).
 */
export function lookalikeDatatable(items: readonly InlineLookalike[]): string[] {
  const groups = new Map<string, InlineLookalike[]>();
  for (const item of items) {
    const key = `${item.original}\u0000${item.fuzzer}`;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  const groupList = [...groups.values()];
  const lines = ['datatable(Original:string, Fuzzer:string, Domains:dynamic) ['];
  groupList.forEach((group, i) => {
    lines.push(`    ${kqlString(group[0].original)}, ${kqlString(group[0].fuzzer)}, dynamic([`);
    let line = '';
    for (const item of group) {
      const next = `${kqlString(item.domain)},`;
      if (line !== '' && line.length + next.length > 110) {
        lines.push(line);
        line = '';
      }
      line += line === '' ? `        ${next}` : ` ${next}`;
    }
    lines.push(line.slice(0, -1));
    lines.push(`        ])${i < groupList.length - 1 ? ',' : ''}`);
  });
  lines.push(']');
  return lines;
}
