// Fuzzers driven by the caller's lists: dictionary words and other suffixes.
import { joinName, type Emit, type FuzzContext } from './context';

/** Each word before or after the label, with or without a hyphen, or in place of an end part. */
export function dictionary({ label, dictionary: words }: FuzzContext, emit: Emit): void {
  const text = label.text;
  for (const word of words) {
    if (text.startsWith(word) && text.endsWith(word)) continue;
    emit(`${text}-${word}`);
    emit(text + word);
    emit(`${word}-${text}`);
    emit(word + text);
  }
  if (!text.includes('-')) return;
  const parts = text.split('-');
  const allButLast = parts.slice(0, -1).join('-');
  const allButFirst = parts.slice(1).join('-');
  for (const word of words) {
    emit(`${allButLast}-${word}`);
    emit(`${word}-${allButFirst}`);
  }
}

/** The same label under each other suffix of the list. */
export function tldSwap({ subdomain, label, suffix, tlds }: FuzzContext, emit: Emit): void {
  for (const tld of tlds) if (tld !== suffix) emit(joinName(subdomain, label.text, tld));
}
