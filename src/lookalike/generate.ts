// Running the fuzzers on a domain, as dnstwist's Fuzzer.generate() does: every candidate is
// put back into a whole name (subdomain, label, suffix) and labelled by the first fuzzer that
// produced it; then names are encoded to ASCII (IDNA 2003) and those failing the FQDN rule
// dropped. Two Unicode names with one ASCII form keep the first label in fuzzer order (in
// dnstwist the survivor depends on set iteration order). That needs a name nameprep changes,
// e.g. with combining marks from the input; it never happens with the glyph tables alone.
import { fqdnProblem } from './fqdn';
import { FUZZERS, Label, joinName, type FuzzContext } from './fuzzers';
import { domainToAscii, labelToUnicode } from './idna';
import { normaliseDomain } from './input';
import { splitDomain } from './suffix';
import { FUZZER_ORDER, type FuzzerName, type Lookalike, type LookalikeOptions } from './types';

/** The permutations of one domain, sorted by fuzzer then domain (code-point order); throws InvalidDomainError. */
export function lookalikesOf(input: string, options: LookalikeOptions = {}): Lookalike[] {
  const original = normaliseDomain(input);
  const byName = unicodeCandidates(contextFor(original, options), options.fuzzers);
  const byAscii = new Map<string, FuzzerName>();
  for (const [name, fuzzer] of byName) {
    const ascii = domainToAscii(name);
    if (ascii === null || byAscii.has(ascii) || fqdnProblem(ascii) !== null) continue;
    byAscii.set(ascii, fuzzer);
  }
  return sortedLookalikes(byAscii, original);
}

/** Sorted by fuzzer, then domain; the domains are ASCII, so the default sort is code-point order. */
function sortedLookalikes(byAscii: ReadonlyMap<string, FuzzerName>, original: string): Lookalike[] {
  const buckets = new Map<FuzzerName, string[]>();
  for (const [domain, fuzzer] of byAscii) {
    const bucket = buckets.get(fuzzer);
    if (bucket) bucket.push(domain);
    else buckets.set(fuzzer, [domain]);
  }
  const result: Lookalike[] = [];
  for (const fuzzer of [...buckets.keys()].sort()) {
    for (const domain of buckets.get(fuzzer)!.sort()) result.push({ fuzzer, domain, original });
  }
  return result;
}

/**
 * The permutations of several domains in one list: a domain produced for more than one of
 * them keeps the earliest fuzzer in dnstwist's order (so an input stays *original), then the
 * earliest input. Sorted as lookalikesOf.
 */
export function lookalikesOfAll(inputs: readonly string[], options: LookalikeOptions = {}): Lookalike[] {
  const kept = new Map<string, Lookalike>();
  for (const input of inputs) {
    for (const item of lookalikesOf(input, options)) {
      const seen = kept.get(item.domain);
      if (seen === undefined || rank(item.fuzzer) < rank(seen.fuzzer)) kept.set(item.domain, item);
    }
  }
  return [...kept.values()].sort(compareLookalikes);
}

export function compareLookalikes(a: Lookalike, b: Lookalike): number {
  if (a.fuzzer !== b.fuzzer) return a.fuzzer < b.fuzzer ? -1 : 1;
  return a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0;
}

const rank = (fuzzer: FuzzerName) => FUZZER_ORDER.indexOf(fuzzer);

function contextFor(domain: string, options: LookalikeOptions): FuzzContext {
  const parts = splitDomain(domain, options.suffixRule ?? 'public-suffix');
  // normaliseDomain has decoded every label already, so this cannot fail.
  const label = labelToUnicode(parts.label) ?? parts.label;
  return {
    subdomain: parts.subdomain,
    label: new Label(label),
    suffix: parts.suffix,
    dictionary: options.dictionary ?? [],
    tlds: options.tlds ?? [],
  };
}

/** Whole names in Unicode, each with the first fuzzer that produced it. */
function unicodeCandidates(context: FuzzContext, only: readonly FuzzerName[] | undefined): Map<string, FuzzerName> {
  const selected = (name: FuzzerName) => only === undefined || only.includes(name);
  const names = new Map<string, FuzzerName>();
  if (selected('*original')) names.set(joinName(context.subdomain, context.label.text, context.suffix), '*original');
  const before = context.subdomain === '' ? '' : `${context.subdomain}.`;
  const after = context.suffix === '' ? '' : `.${context.suffix}`;
  for (const fuzzer of FUZZERS) {
    if (!selected(fuzzer.name)) continue;
    const name = fuzzer.name;
    const add = (whole: string) => {
      if (!names.has(whole)) names.set(whole, name);
    };
    // An empty label (omission on a one-letter label) drops out of the name, as in dnstwist.
    const wrap = (label: string) => add(label === '' ? joinName(context.subdomain, context.suffix) : before + label + after);
    fuzzer.run(context, fuzzer.scope === 'label' ? wrap : add);
  }
  return names;
}
