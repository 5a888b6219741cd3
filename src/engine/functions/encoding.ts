// URL and base64 encodings: url_encode (.NET HttpUtility.UrlEncode: space as '+', lower-case
// hex), url_encode_component (RFC 3986: %20, upper-case hex), url_decode, base64_encode_tostring,
// base64_decode_tostring (invalid base64 or UTF-8 gives the empty string, a null string).
import { stringFunction } from './kernel/functions';
import type { ScalarFunction } from './types';

const URL_SAFE = /[A-Za-z0-9\-_.!*()]/;

function urlEncode(s: string): string {
  let out = '';
  for (const char of s) {
    if (char === ' ') out += '+';
    else if (URL_SAFE.test(char)) out += char;
    else for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

function urlEncodeComponent(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Decodes %XX escapes (as UTF-8 bytes) and '+' as space; malformed escapes stay as they are. */
function urlDecode(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '%' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === '+') {
      bytes.push(0x20);
    } else {
      const code = s.codePointAt(i)!;
      if (code > 0xffff) i++;
      bytes.push(...Buffer.from(String.fromCodePoint(code), 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function base64Decode(s: string): string | null {
  const compact = s.trim();
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return null;
  try {
    return utf8.decode(Buffer.from(compact, 'base64'));
  } catch {
    return null;
  }
}

export const encodingFunctions: Record<string, ScalarFunction> = {
  url_encode: stringFunction(urlEncode),
  url_encode_component: stringFunction(urlEncodeComponent),
  url_decode: stringFunction(urlDecode),
  base64_encode_tostring: stringFunction((s) => Buffer.from(s, 'utf8').toString('base64')),
  base64_decode_tostring: stringFunction(base64Decode),
};
