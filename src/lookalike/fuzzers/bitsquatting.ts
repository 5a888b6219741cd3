// One bit of one character flipped, where the result is a letter, digit or hyphen.
import type { Emit, FuzzContext } from './context';

function isBitsquatResult(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x2d;
}

export function bitsquatting({ label }: FuzzContext, emit: Emit): void {
  for (let i = 0; i < label.length; i++) {
    const code = label.chars[i].codePointAt(0)!;
    for (let mask = 1; mask < 256; mask <<= 1) {
      const flipped = code ^ mask;
      if (isBitsquatResult(flipped)) emit(label.head(i) + String.fromCharCode(flipped) + label.tail(i + 1));
    }
  }
}
