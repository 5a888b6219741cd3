// What every fuzzer sees, and the code-point view of a label that they all index into.
import type { FuzzerName } from '../types';

/**
 * A label as code points (dnstwist indexes Python strings, which are code points), with every
 * prefix and suffix made once so that fuzzers build each candidate with one concatenation.
 */
export class Label {
  readonly chars: readonly string[];
  private readonly heads: string[] = [];
  private readonly tails: string[] = [];

  constructor(readonly text: string) {
    this.chars = Array.from(text);
    let offset = 0;
    for (let i = 0; i <= this.chars.length; i++) {
      this.heads.push(text.slice(0, offset));
      this.tails.push(text.slice(offset));
      if (i < this.chars.length) offset += this.chars[i].length;
    }
  }

  get length(): number {
    return this.chars.length;
  }

  /** The first `i` code points. */
  head(i: number): string {
    return this.heads[i];
  }

  /** The code points from `i` on. */
  tail(i: number): string {
    return this.tails[i];
  }
}

export interface FuzzContext {
  subdomain: string;
  /** The registrable label, decoded to Unicode (dnstwist fuzzes the decoded label). */
  label: Label;
  suffix: string;
  dictionary: readonly string[];
  tlds: readonly string[];
}

export type Emit = (candidate: string) => void;

/**
 * A fuzzer emits candidates; `label` fuzzers emit a new registrable label (subdomain and
 * suffix are put back around it), `domain` fuzzers emit whole names.
 */
export interface Fuzzer {
  name: Exclude<FuzzerName, '*original'>;
  scope: 'label' | 'domain';
  run(context: FuzzContext, emit: Emit): void;
}

/** dnstwist's '.'.join(filter(None, [subdomain, label, suffix])). */
export function joinName(...parts: string[]): string {
  return parts.filter((part) => part !== '').join('.');
}
