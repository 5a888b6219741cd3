// The fuzzers in dnstwist's order (FUZZER_ORDER without *original).
import { bitsquatting } from './bitsquatting';
import type { Fuzzer } from './context';
import { addition, hyphenation, omission, plural, repetition, subdomain, transposition, vowelSwap } from './edits';
import { cyrillic, homoglyph } from './glyphs';
import { insertion, replacement } from './keyboard';
import { various } from './various';
import { dictionary, tldSwap } from './words';

export const FUZZERS: readonly Fuzzer[] = [
  { name: 'addition', scope: 'label', run: addition },
  { name: 'bitsquatting', scope: 'label', run: bitsquatting },
  { name: 'cyrillic', scope: 'label', run: cyrillic },
  { name: 'homoglyph', scope: 'label', run: homoglyph },
  { name: 'hyphenation', scope: 'label', run: hyphenation },
  { name: 'insertion', scope: 'label', run: insertion },
  { name: 'omission', scope: 'label', run: omission },
  { name: 'plural', scope: 'label', run: plural },
  { name: 'repetition', scope: 'label', run: repetition },
  { name: 'replacement', scope: 'label', run: replacement },
  { name: 'subdomain', scope: 'label', run: subdomain },
  { name: 'transposition', scope: 'label', run: transposition },
  { name: 'vowel-swap', scope: 'label', run: vowelSwap },
  { name: 'dictionary', scope: 'label', run: dictionary },
  { name: 'tld-swap', scope: 'domain', run: tldSwap },
  { name: 'various', scope: 'domain', run: various },
];

export { Label, joinName, type FuzzContext } from './context';
