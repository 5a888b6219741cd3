// Fuzzers that edit the label character by character.
import type { Emit, FuzzContext } from './context';

const ALPHANUMERIC = '0123456789abcdefghijklmnopqrstuvwxyz';
const VOWELS = 'aeiou';

/** A letter or digit appended to the label, or to a hyphen-separated part before its hyphen. */
export function addition({ label }: FuzzContext, emit: Emit): void {
  const text = label.text;
  if (text.includes('-')) {
    const parts = text.split('-');
    for (let p = 1; p < parts.length; p++) {
      const before = parts.slice(0, p).join('-');
      const after = parts.slice(p).join('-');
      for (const c of ALPHANUMERIC) emit(`${before}${c}-${after}`);
    }
  }
  for (const c of ALPHANUMERIC) emit(text + c);
}

/** A hyphen between any two characters. */
export function hyphenation({ label }: FuzzContext, emit: Emit): void {
  for (let i = 1; i < label.length; i++) emit(`${label.head(i)}-${label.tail(i)}`);
}

/** One character left out. */
export function omission({ label }: FuzzContext, emit: Emit): void {
  for (let i = 0; i < label.length; i++) emit(label.head(i) + label.tail(i + 1));
}

/** An 's' (or 'es' after s, x, z) after a character, away from both ends. */
export function plural({ label }: FuzzContext, emit: Emit): void {
  for (let i = 2; i < label.length - 2; i++) {
    const c = label.chars[i];
    emit(label.head(i + 1) + (c === 's' || c === 'x' || c === 'z' ? 'es' : 's') + label.tail(i + 1));
  }
}

/** One character doubled. */
export function repetition({ label }: FuzzContext, emit: Emit): void {
  for (let i = 0; i < label.length; i++) emit(label.head(i) + label.chars[i] + label.tail(i));
}

/** A dot inside the label, not next to a hyphen or dot. */
export function subdomain({ label }: FuzzContext, emit: Emit): void {
  const separator = (c: string) => c === '-' || c === '.';
  for (let i = 1; i < label.length - 1; i++) {
    if (!separator(label.chars[i]) && !separator(label.chars[i - 1])) emit(`${label.head(i)}.${label.tail(i)}`);
  }
}

/** Two neighbouring characters swapped. */
export function transposition({ label }: FuzzContext, emit: Emit): void {
  for (let i = 0; i < label.length - 1; i++) emit(label.head(i) + label.chars[i + 1] + label.chars[i] + label.tail(i + 2));
}

/** A vowel replaced by each vowel (itself included: that is the original, labelled earlier). */
export function vowelSwap({ label }: FuzzContext, emit: Emit): void {
  for (let i = 0; i < label.length; i++) {
    if (!VOWELS.includes(label.chars[i])) continue;
    for (const vowel of VOWELS) emit(label.head(i) + vowel + label.tail(i + 1));
  }
}
