// Fuzzers that swap characters for ones that look alike.
import { LATIN_TO_CYRILLIC } from '../tables/cyrillic';
import { glyphTable, type GlyphTable } from '../tables/glyphs';
import { Label, type Emit, type FuzzContext } from './context';

/** Every character replaced by its Cyrillic twin; nothing unless all of them have one. */
export function cyrillic({ label }: FuzzContext, emit: Emit): void {
  let text = '';
  for (const c of label.chars) {
    const twin = LATIN_TO_CYRILLIC.get(c);
    if (twin === undefined) return;
    text += twin;
  }
  emit(text);
}

/** One or two rounds of glyph replacement, with the suffix's glyph table. */
export function homoglyph({ label, suffix }: FuzzContext, emit: Emit): void {
  const glyphs = glyphTable(suffix);
  const first = new Set<string>();
  mix(label, glyphs, first);
  const all = new Set(first);
  for (const candidate of first) mix(new Label(candidate), glyphs, all);
  for (const candidate of all) emit(candidate);
}

/**
 * dnstwist's mix(): each character replaced by each of its glyphs; then each window of two
 * characters, where each of {first, second, both} is replaced (str.replace: every occurrence
 * in the window). For two different characters, replacing one of them repeats the first loop,
 * so only a doubled character (replaced twice) and two-character keys (rn, cl, ae, oe) add.
 */
function mix(label: Label, glyphs: GlyphTable, out: Set<string>): void {
  const { chars } = label;
  for (let i = 0; i < chars.length; i++) {
    const list = glyphs.get(chars[i]);
    if (list === undefined) continue;
    const head = label.head(i);
    const tail = label.tail(i + 1);
    for (const glyph of list) out.add(head + glyph + tail);
  }
  for (let i = 0; i < chars.length - 1; i++) {
    const a = chars[i];
    const b = chars[i + 1];
    const doubled = a === b ? glyphs.get(a) : undefined;
    const pair = glyphs.get(a + b);
    if (doubled === undefined && pair === undefined) continue;
    const head = label.head(i);
    const tail = label.tail(i + 2);
    if (doubled) for (const glyph of doubled) out.add(head + glyph + glyph + tail);
    if (pair) for (const glyph of pair) out.add(head + glyph + tail);
  }
}
