// Word and suffix lists as dnstwist reads them: lower-cased, split into lines (Python's
// splitlines), without repeats, keeping only lines that match its patterns.

// eslint-disable-next-line no-control-regex -- Python's splitlines() also splits at \x1c to \x1e
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
const WORD = /^(?:xn--[a-z0-9-]{3,59}|[a-z0-9-]{1,63})$/;
const TLD = /^[a-z0-9-]{2,63}(?:\.[a-z0-9-]{2,63})?$/;

function lines(text: string, pattern: RegExp): string[] {
  return [...new Set(text.toLowerCase().split(LINE_BREAK))].filter((line) => pattern.test(line));
}

/** Words for the dictionary fuzzer (dnstwist --dictionary). */
export function parseDictionary(text: string): string[] {
  return lines(text, WORD);
}

/** Suffixes for the tld-swap fuzzer (dnstwist --tld): one or two labels. */
export function parseTldList(text: string): string[] {
  return lines(text, TLD);
}
