// Types for the punycode package (2.x). It is imported as 'punycode/' because a bare
// 'punycode' resolves to Node's deprecated built-in module.
declare module 'punycode/' {
  export function encode(input: string): string;
  export function decode(input: string): string;
  export function toASCII(domain: string): string;
  export function toUnicode(domain: string): string;
  const punycode: { encode: typeof encode; decode: typeof decode; toASCII: typeof toASCII; toUnicode: typeof toUnicode; version: string };
  export default punycode;
}
