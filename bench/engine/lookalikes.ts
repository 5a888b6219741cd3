// A table of lookalike domains of the tenant's domains, in the style of dnstwist's fuzzers
// (addition, bitsquatting, homoglyph, hyphenation, insertion, omission, repetition,
// replacement, subdomain, transposition, vowel-swap, dictionary, tld-swap), each also under a
// few other TLDs. Deterministic: no randomness, a fixed order, the first `perDomain` kept.

const KEYBOARD: Record<string, string> = {
  q: '12wa', w: '23qeas', e: '34wrsd', r: '45etdf', t: '56ryfg', y: '67tugh', u: '78yihj', i: '89uojk', o: '90ipkl', p: '0ol',
  a: 'qwsz', s: 'weadzx', d: 'erfcxs', f: 'rtgvcd', g: 'tyhbvf', h: 'yujnbg', j: 'uikmnh', k: 'iolmj', l: 'opk',
  z: 'asx', x: 'zsdc', c: 'xdfv', v: 'cfgb', b: 'vghn', n: 'bhjm', m: 'njk',
};
const HOMOGLYPHS: Record<string, string[]> = {
  a: ['4', 'e', 'o'], b: ['d', 'lb', '6'], c: ['e', 'o'], d: ['b', 'cl', 'dl'], e: ['c', '3'], f: ['t'], g: ['q', '9'],
  h: ['lh', 'b'], i: ['1', 'l', 'j'], k: ['lk', 'ik'], l: ['1', 'i'], m: ['n', 'rn', 'nn'], n: ['m', 'r'], o: ['0', 'q'],
  q: ['g'], r: ['n'], s: ['5', 'z'], t: ['f', '7'], u: ['v', 'w'], v: ['u', 'w'], w: ['vv', 'v'], y: ['v'], z: ['2', 's'],
};
const DICTIONARY = ['login', 'secure', 'mail', 'support', 'account', 'verify', 'portal', 'online', 'auth', 'sso', 'billing', 'hr', 'it', 'office', 'update', 'help'];
const TLDS = ['com', 'net', 'org', 'co', 'io', 'info', 'biz', 'us', 'eu', 'de', 'fr', 'uk', 'co.uk', 'ca', 'au', 'in', 'cn', 'ru', 'xyz', 'top', 'online', 'site', 'shop', 'app', 'dev', 'cloud', 'email', 'support', 'services', 'tech', 'live', 'me', 'cc', 'tk', 'ml', 'ga', 'cf', 'gq', 'pw', 'ws'];
const ALT_TLDS = ['net', 'org', 'co', 'io', 'info'];
const VOWELS = 'aeiou';
const VALID = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

export interface Lookalike {
  domain: string;
  fuzzer: string;
  original: string;
}

/** Up to `perDomain` lookalikes of each domain (e.g. contoso.com), none of them a tenant domain. */
export function lookalikeDomains(domains: readonly string[], perDomain: number): Lookalike[] {
  const result: Lookalike[] = [];
  const seen = new Set(domains);
  for (const original of domains) {
    const dot = original.indexOf('.');
    const name = original.slice(0, dot);
    const tld = original.slice(dot + 1);
    const base = permutations(name);
    const candidates: [string, string][] = [];
    for (const [fuzzer, label] of base) if (label.split('.').every((part) => VALID.test(part))) candidates.push([fuzzer, `${label}.${tld}`]);
    for (const other of TLDS) if (other !== tld) candidates.push(['tld-swap', `${name}.${other}`]);
    for (const alt of ALT_TLDS) {
      if (alt === tld) continue;
      for (const [fuzzer, label] of base) if (label.split('.').every((part) => VALID.test(part))) candidates.push([fuzzer, `${label}.${alt}`]);
    }
    let kept = 0;
    for (const [fuzzer, domain] of candidates) {
      if (kept >= perDomain) break;
      if (seen.has(domain)) continue;
      seen.add(domain);
      result.push({ domain, fuzzer, original });
      kept++;
    }
    if (kept < perDomain) throw new Error(`only ${kept} lookalikes of ${original}; asked for ${perDomain}`);
  }
  return result;
}

function permutations(name: string): [string, string][] {
  const out: [string, string][] = [];
  const n = name.length;
  for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789') out.push(['addition', name + c]);
  for (let i = 0; i < n; i++) {
    const code = name.charCodeAt(i);
    for (let bit = 0; bit < 8; bit++) {
      const flipped = String.fromCharCode(code ^ (1 << bit));
      if (/[a-z0-9-]/.test(flipped)) out.push(['bitsquatting', name.slice(0, i) + flipped + name.slice(i + 1)]);
    }
  }
  for (let i = 0; i < n; i++) for (const glyph of HOMOGLYPHS[name[i]] ?? []) out.push(['homoglyph', name.slice(0, i) + glyph + name.slice(i + 1)]);
  for (let i = 1; i < n; i++) out.push(['hyphenation', `${name.slice(0, i)}-${name.slice(i)}`]);
  for (let i = 0; i < n; i++) {
    for (const key of KEYBOARD[name[i]] ?? '') {
      out.push(['insertion', name.slice(0, i) + key + name.slice(i)]);
      out.push(['insertion', name.slice(0, i + 1) + key + name.slice(i + 1)]);
    }
  }
  for (let i = 0; i < n; i++) out.push(['omission', name.slice(0, i) + name.slice(i + 1)]);
  for (let i = 0; i < n; i++) out.push(['repetition', name.slice(0, i + 1) + name.slice(i)]);
  for (let i = 0; i < n; i++) for (const key of KEYBOARD[name[i]] ?? '') out.push(['replacement', name.slice(0, i) + key + name.slice(i + 1)]);
  for (let i = 1; i < n; i++) out.push(['subdomain', `${name.slice(0, i)}.${name.slice(i)}`]);
  for (let i = 0; i + 1 < n; i++) if (name[i] !== name[i + 1]) out.push(['transposition', name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2)]);
  for (let i = 0; i < n; i++) {
    if (!VOWELS.includes(name[i])) continue;
    for (const v of VOWELS) if (v !== name[i]) out.push(['vowel-swap', name.slice(0, i) + v + name.slice(i + 1)]);
  }
  for (const word of DICTIONARY) {
    out.push(['dictionary', `${name}-${word}`], ['dictionary', `${word}-${name}`], ['dictionary', `${name}${word}`], ['dictionary', `${word}${name}`]);
  }
  return out;
}
