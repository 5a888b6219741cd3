// Splitting a domain into subdomain, registrable label and public suffix (see SuffixRule).
import { parse } from 'tldts';
import type { SuffixRule } from './types';

export interface DomainParts {
  subdomain: string;
  /** The registrable label, ASCII. */
  label: string;
  suffix: string;
}

// dnstwist's fallback: a second-level label it treats as part of the suffix (co.uk, com.au).
const SECOND_LEVEL = new Set(['org', 'com', 'net', 'gov', 'edu', 'co', 'mil', 'nom', 'ac', 'info', 'biz', 'ne']);

export function splitDomain(domain: string, rule: SuffixRule): DomainParts {
  return rule === 'dnstwist' ? fallbackSplit(domain) : publicSuffixSplit(domain);
}

/** dnstwist without the tld module: domain.rsplit('.', 3), then the second-level rule. */
export function fallbackSplit(domain: string): DomainParts {
  const labels = domain.split('.');
  const d = labels.length > 4 ? [labels.slice(0, labels.length - 3).join('.'), ...labels.slice(-3)] : labels;
  if (d.length < 2) return { subdomain: '', label: d[0], suffix: '' };
  if (d.length === 2) return { subdomain: '', label: d[0], suffix: d[1] };
  if (SECOND_LEVEL.has(d[d.length - 2])) return { subdomain: d.slice(0, -3).join('.'), label: d[d.length - 3], suffix: d.slice(-2).join('.') };
  return { subdomain: d.slice(0, -2).join('.'), label: d[d.length - 2], suffix: d[d.length - 1] };
}

/**
 * The Public Suffix List (tldts), ICANN and private sections, as dnstwist's `tld` module does.
 * A name that is itself a public suffix (co.uk) falls back to dnstwist's rule, as dnstwist does.
 */
export function publicSuffixSplit(domain: string): DomainParts {
  const parsed = parse(domain, { allowPrivateDomains: true, extractHostname: false, detectIp: false });
  if (!parsed.domainWithoutSuffix || !parsed.publicSuffix) return fallbackSplit(domain);
  return { subdomain: parsed.subdomain ?? '', label: parsed.domainWithoutSuffix, suffix: parsed.publicSuffix };
}
