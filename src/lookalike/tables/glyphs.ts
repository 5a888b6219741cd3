// Homoglyph tables of dnstwist 20250130 (Apache-2.0, https://github.com/elceef/dnstwist),
// transcribed as data. A key is one character or a two-character sequence; its glyphs are the
// strings that may replace it. Only set membership matters: dnstwist merges them into sets.

type GlyphSource = Readonly<Record<string, string>>;

/** ASCII lookalikes, always used. Values are comma-separated because some glyphs are two letters. */
const ASCII: Readonly<Record<string, string>> = {
  '0': 'o', '1': 'l,i', '3': '8', '6': '9', '8': '3', '9': '6',
  b: 'd,lb', c: 'e', d: 'b,cl,dl', e: 'c', g: 'q', h: 'lh', i: '1,l', k: 'lc', l: '1,i',
  m: 'n,nn,rn', n: 'm,r', o: '0', q: 'g', u: 'v', v: 'u', w: 'vv', rn: 'm', cl: 'd',
};

// In the tables below each value is a string of one-character glyphs (all in the BMP).

/** Unicode lookalikes, used when the public suffix has no table of its own. */
const UNICODE: GlyphSource = {
  '2': 'ƻ', '3': 'ʒ', '5': 'ƽ',
  a: 'ạăȧɑåąâǎáəäãāà', b: 'ḃḅƅʙḇɓ', c: 'čᴄċçćĉƈ', d: 'ďḍḋɖḏɗḓḑđ', e: 'êẹęèḛěɇėĕéëēȩ', f: 'ḟƒ',
  g: 'ǧġǵğɡǥĝģɢ', h: 'ȟḫḩḣɦḥḧħẖⱨĥ', i: 'ɩǐíɪỉȋɨïīĩịîıĭįì', j: 'ǰĵʝɉ', k: 'ĸǩⱪḵķᴋḳ', l: 'ĺłɫļľ',
  m: 'ᴍṁḿṃɱ', n: 'ņǹńňṅṉṇꞑñŋ', o: 'öóȯỏôᴏōòŏơőõọø', p: 'ṗƿƥṕ', q: 'ʠ', r: 'ʀȓɍɾřṛɽȑṙŗŕɼṟ',
  s: 'ṡșŝꜱʂšśṣş', t: 'ťƫţṭṫțŧ', u: 'ᴜųŭūűǔȕưùůʉúȗüûũụ', v: 'ᶌṿᴠⱴⱱṽ', w: 'ᴡẇẅẃẘẉⱳŵẁ', x: 'ẋẍ',
  y: 'ŷÿʏẏɏƴȳýỿỵ', z: 'žƶẓẕⱬᴢżźʐ', ae: 'æ', oe: 'œ',
};

const NONE: GlyphSource = {}; // registries that accept no IDN: ASCII lookalikes only

const INFO: GlyphSource = {
  a: 'áäåą', c: 'ćč', e: 'éėę', i: 'íį', l: 'ł', n: 'ñń', o: 'óöøő', s: 'śš', u: 'úüūűų', z: 'źżž', ae: 'æ',
};

const BR: GlyphSource = { a: 'àáâã', c: 'ç', e: 'éê', i: 'í', o: 'óôõ', u: 'úü', y: 'ýÿ' };

const DK: GlyphSource = { a: 'äå', e: 'é', o: 'öø', u: 'ü', ae: 'æ' };

const EU: GlyphSource = {
  a: 'áàăâåäãąā', c: 'ćĉčċç', d: 'ďđ', e: 'éèĕêěëėęē', g: 'ğĝġģ', h: 'ĥħ', i: 'íìĭîïĩįī', j: 'ĵ',
  k: 'ķĸ', l: 'ĺľļł', n: 'ńňñņ', o: 'óòŏôöőõøō', r: 'ŕřŗ', s: 'śŝšş', t: 'ťţŧ', u: 'úùŭûůüűũųū',
  w: 'ŵ', y: 'ýŷÿ', z: 'źžż', ae: 'æ', oe: 'œ',
};

const FI: GlyphSource = {
  '3': 'ʒ', a: 'áäåâ', c: 'č', d: 'đ', g: 'ǧǥ', k: 'ǩ', n: 'ŋ', o: 'õö', s: 'š', t: 'ŧ', z: 'ž',
};

const NO: GlyphSource = {
  a: 'áàäå', c: 'čç', e: 'éèê', i: 'ï', n: 'ŋńñ', o: 'óòôöø', s: 'š', t: 'ŧ', u: 'ü', z: 'ž', ae: 'æ',
};

const FR: GlyphSource = {
  a: 'àáâãäå', c: 'ç', e: 'èéêë', i: 'ìíîï', n: 'ñ', o: 'òóôõö', u: 'ùúûü', y: 'ýÿ', ae: 'æ', oe: 'œ',
};

const CA: GlyphSource = { a: 'àâ', c: 'ç', e: 'èéêë', i: 'îï', o: 'ô', u: 'ùûü', y: 'ÿ', ae: 'æ', oe: 'œ' };

/** Public suffixes with a table of their own (dnstwist's glyphs_idn_by_tld). */
const BY_SUFFIX: ReadonlyArray<readonly [readonly string[], GlyphSource]> = [
  [['ad', 'cz', 'sk', 'uk', 'co.uk', 'nl', 'edu', 'us'], NONE],
  [['jp', 'co.jp', 'ad.jp', 'ne.jp'], NONE],
  [['cn', 'com.cn', 'tw', 'com.tw', 'net.tw'], NONE],
  [['info'], INFO],
  [['br', 'com.br'], BR],
  [['dk'], DK],
  [['eu', 'de', 'pl'], EU],
  [['fi'], FI],
  [['no'], NO],
  [['be', 'fr', 're', 'yt', 'pm', 'wf', 'tf', 'ch', 'li'], FR],
  [['ca'], CA],
];

const SUFFIX_TABLES = new Map<string, GlyphSource>(BY_SUFFIX.flatMap(([suffixes, table]) => suffixes.map((s) => [s, table] as const)));

/** Key (one character or two) to its glyphs, without repeats. */
export type GlyphTable = ReadonlyMap<string, readonly string[]>;

const merged = new Map<GlyphSource, GlyphTable>();

/** The ASCII lookalikes merged with the suffix's Unicode table (or the default one); cached. */
export function glyphTable(suffix: string): GlyphTable {
  const source = SUFFIX_TABLES.get(suffix) ?? UNICODE;
  let table = merged.get(source);
  if (!table) {
    table = merge(source);
    merged.set(source, table);
  }
  return table;
}

function merge(unicode: GlyphSource): GlyphTable {
  const sets = new Map<string, Set<string>>();
  const add = (key: string, glyphs: Iterable<string>) => {
    const set = sets.get(key) ?? new Set<string>();
    for (const glyph of glyphs) set.add(glyph);
    sets.set(key, set);
  };
  for (const [key, list] of Object.entries(ASCII)) add(key, list.split(','));
  for (const [key, list] of Object.entries(unicode)) add(key, Array.from(list));
  return new Map([...sets].map(([key, set]) => [key, [...set]]));
}

/** The suffixes that have a table of their own. */
export const GLYPH_SUFFIXES: readonly string[] = [...SUFFIX_TABLES.keys()];
