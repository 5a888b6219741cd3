// Fuzzers for a neighbouring key hit as well as, or instead of, the right one.
import { neighbours } from '../tables/keyboards';
import type { Emit, FuzzContext } from './context';

/** A neighbouring key before or after a character; not after the last one (as dnstwist). */
export function insertion({ label }: FuzzContext, emit: Emit): void {
  for (let i = 0; i < label.length - 1; i++) {
    const c = label.chars[i];
    const head = label.head(i);
    const tail = label.tail(i + 1);
    for (const near of neighbours(c)) {
      emit(head + near + c + tail);
      emit(head + c + near + tail);
    }
  }
}

/** A character replaced by a neighbouring key. */
export function replacement({ label }: FuzzContext, emit: Emit): void {
  for (let i = 0; i < label.length; i++) {
    const head = label.head(i);
    const tail = label.tail(i + 1);
    for (const near of neighbours(label.chars[i])) emit(head + near + tail);
  }
}
