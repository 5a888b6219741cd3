// The row keys of an ingestion state: a fixed-size hash of each row's identity with the row's
// received time (to forget keys older than the overlap). In memory a Map, mutated in place; on
// disk one packed string of fixed-width entries, which JSON reads and writes far faster than an
// object with a property per key.

const KEY_WIDTH = 16; // state.ts rowKey: 96 bits in base64
const TIME_WIDTH = 7; // received time, epoch seconds in base 36 (up to year 4400)
const ENTRY_WIDTH = KEY_WIDTH + TIME_WIDTH;

export class KeySet {
  private readonly entries: Map<string, number>;

  constructor(entries?: Iterable<[string, number]>) {
    this.entries = new Map(entries);
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** `receivedSeconds`: the row's received time, epoch seconds. */
  add(key: string, receivedSeconds: number): void {
    this.entries.set(key, receivedSeconds);
  }

  [Symbol.iterator](): IterableIterator<[string, number]> {
    return this.entries[Symbol.iterator]();
  }

  /** Forgets keys of rows received before `horizonMs` (no later read returns them). */
  prune(horizonMs: number): void {
    const horizon = Math.floor(horizonMs / 1000);
    for (const [key, received] of this.entries) if (received < horizon) this.entries.delete(key);
  }

  /** JSON.stringify's hook (it passes the property name, so no options here). */
  toJSON(): string {
    return this.pack();
  }

  /** The packed form; keys in `without` are left out. */
  pack(without?: ReadonlySet<string>): string {
    const parts: string[] = [];
    for (const [key, received] of this.entries) {
      if (without?.has(key) !== true) parts.push(key, received.toString(36).padStart(TIME_WIDTH, '0'));
    }
    return parts.join('');
  }

  /** The set a toJSON() string holds, or undefined when `value` is not one. */
  static fromJSON(value: unknown): KeySet | undefined {
    if (typeof value !== 'string' || value.length % ENTRY_WIDTH !== 0) return undefined;
    const set = new KeySet();
    for (let at = 0; at < value.length; at += ENTRY_WIDTH) {
      const received = Number.parseInt(value.slice(at + KEY_WIDTH, at + ENTRY_WIDTH), 36);
      if (Number.isNaN(received)) return undefined;
      set.entries.set(value.slice(at, at + KEY_WIDTH), received);
    }
    return set;
  }
}
