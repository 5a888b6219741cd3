// Lookalike domains: dnstwist's permutations (release 20250130), in plain TypeScript.
export { lookalikesOf, lookalikesOfAll, compareLookalikes } from './generate';
export { normaliseDomain } from './input';
export { InvalidDomainError } from './errors';
export { parseDictionary, parseTldList } from './wordlists';
export { toJson, toCsv, toKql, kqlString, csvField, CSV_HEADER } from './format';
export { domainToAscii, domainToUnicode } from './idna';
export { splitDomain, type DomainParts } from './suffix';
export { FUZZER_ORDER, isFuzzerName, type FuzzerName, type Lookalike, type LookalikeOptions, type SuffixRule } from './types';
