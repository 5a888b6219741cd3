/** dnstwist's fuzzers, in its order: when two produce one domain, the first in this order names it. */
export const FUZZER_ORDER = [
  '*original', 'addition', 'bitsquatting', 'cyrillic', 'homoglyph', 'hyphenation', 'insertion', 'omission',
  'plural', 'repetition', 'replacement', 'subdomain', 'transposition', 'vowel-swap', 'dictionary', 'tld-swap',
  'various',
] as const;

export type FuzzerName = (typeof FUZZER_ORDER)[number];

export function isFuzzerName(name: string): name is FuzzerName {
  return (FUZZER_ORDER as readonly string[]).includes(name);
}

/** One permutation: `domain` is ASCII (IDN labels in xn-- form); `original` is the input it came from. */
export interface Lookalike {
  fuzzer: FuzzerName;
  domain: string;
  original: string;
}

/**
 * How a domain is split into subdomain, registrable label and public suffix.
 * - `public-suffix` (default): the Public Suffix List through tldts, ICANN and private
 *   sections, as dnstwist does when the `tld` module is installed.
 * - `dnstwist`: dnstwist's own fallback rule without that module (the reference outputs in
 *   ../shared/dnstwist were made with it): the last label is the suffix, or the last two when
 *   the second-last is one of org com net gov edu co mil nom ac info biz ne.
 * They agree for contoso.com, example.co.uk, www.example.com.au; they differ e.g. for
 * example.ltd.uk, example.or.jp, example.ad.jp, example.github.io and example.com.xyz.
 */
export type SuffixRule = 'public-suffix' | 'dnstwist';

export interface LookalikeOptions {
  /** Words for the dictionary fuzzer, already filtered (see parseDictionary). */
  dictionary?: readonly string[];
  /** Suffixes for the tld-swap fuzzer, already filtered (see parseTldList). */
  tlds?: readonly string[];
  /** Only these fuzzers (dnstwist's --fuzzers); *original only if listed. Default: all. */
  fuzzers?: readonly FuzzerName[];
  suffixRule?: SuffixRule;
}
