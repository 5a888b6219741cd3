// Keys next to each key on the QWERTY, QWERTZ and AZERTY layouts, as dnstwist 20250130 lists
// them (Apache-2.0, https://github.com/elceef/dnstwist). The insertion and replacement fuzzers
// use all three layouts and keep a set of results, so only the union per key matters.

const QWERTY: Readonly<Record<string, string>> = {
  '1': '2q', '2': '3wq1', '3': '4ew2', '4': '5re3', '5': '6tr4', '6': '7yt5', '7': '8uy6', '8': '9iu7', '9': '0oi8', '0': 'po9',
  q: '12wa', w: '3esaq2', e: '4rdsw3', r: '5tfde4', t: '6ygfr5', y: '7uhgt6', u: '8ijhy7', i: '9okju8', o: '0plki9', p: 'lo0',
  a: 'qwsz', s: 'edxzaw', d: 'rfcxse', f: 'tgvcdr', g: 'yhbvft', h: 'ujnbgy', j: 'ikmnhu', k: 'olmji', l: 'kop',
  z: 'asx', x: 'zsdc', c: 'xdfv', v: 'cfgb', b: 'vghn', n: 'bhjm', m: 'njk',
};

const QWERTZ: Readonly<Record<string, string>> = {
  '1': '2q', '2': '3wq1', '3': '4ew2', '4': '5re3', '5': '6tr4', '6': '7zt5', '7': '8uz6', '8': '9iu7', '9': '0oi8', '0': 'po9',
  q: '12wa', w: '3esaq2', e: '4rdsw3', r: '5tfde4', t: '6zgfr5', z: '7uhgt6', u: '8ijhz7', i: '9okju8', o: '0plki9', p: 'lo0',
  a: 'qwsy', s: 'edxyaw', d: 'rfcxse', f: 'tgvcdr', g: 'zhbvft', h: 'ujnbgz', j: 'ikmnhu', k: 'olmji', l: 'kop',
  y: 'asx', x: 'ysdc', c: 'xdfv', v: 'cfgb', b: 'vghn', n: 'bhjm', m: 'njk',
};

const AZERTY: Readonly<Record<string, string>> = {
  '1': '2a', '2': '3za1', '3': '4ez2', '4': '5re3', '5': '6tr4', '6': '7yt5', '7': '8uy6', '8': '9iu7', '9': '0oi8', '0': 'po9',
  a: '2zq1', z: '3esqa2', e: '4rdsz3', r: '5tfde4', t: '6ygfr5', y: '7uhgt6', u: '8ijhy7', i: '9okju8', o: '0plki9', p: 'lo0m',
  q: 'zswa', s: 'edxwqz', d: 'rfcxse', f: 'tgvcdr', g: 'yhbvft', h: 'ujnbgy', j: 'iknhu', k: 'olji', l: 'kopm', m: 'lp',
  w: 'sxq', x: 'wsdc', c: 'xdfv', v: 'cfgb', b: 'vghn', n: 'bhj',
};

function union(...layouts: ReadonlyArray<Readonly<Record<string, string>>>): ReadonlyMap<string, string[]> {
  const keys = new Map<string, Set<string>>();
  for (const layout of layouts) {
    for (const [key, near] of Object.entries(layout)) {
      const set = keys.get(key) ?? new Set<string>();
      for (const c of near) set.add(c);
      keys.set(key, set);
    }
  }
  return new Map([...keys].map(([key, set]) => [key, [...set]]));
}

const NEIGHBOURS = union(QWERTY, QWERTZ, AZERTY);
const NO_NEIGHBOURS: readonly string[] = [];

/** The keys next to `key` on any of the three layouts. */
export function neighbours(key: string): readonly string[] {
  return NEIGHBOURS.get(key) ?? NO_NEIGHBOURS;
}
