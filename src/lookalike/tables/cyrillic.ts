// Latin letters and the Cyrillic letter that looks like each (dnstwist 20250130's
// latin_to_cyrillic). Escapes, because the two alphabets are indistinguishable on screen.
export const LATIN_TO_CYRILLIC: ReadonlyMap<string, string> = new Map([
  ['a', '\u0430'], ['b', '\u044c'], ['c', '\u0441'], ['d', '\u0501'], ['e', '\u0435'], ['g', '\u050d'],
  ['h', '\u04bb'], ['i', '\u0456'], ['j', '\u0458'], ['k', '\u043a'], ['l', '\u04cf'], ['m', '\u043c'],
  ['o', '\u043e'], ['p', '\u0440'], ['q', '\u051b'], ['s', '\u0455'], ['t', '\u0442'], ['v', '\u0475'],
  ['w', '\u051d'], ['x', '\u0445'], ['y', '\u0443'],
]);
