// The row keys of an ingestion state: a fixed-size hash of each row's identity with the row's
// received time (to forget keys older than the overlap). In memory a Map, mutated in place; on
// disk one packed string of fixed-width entries, which JSON reads and writes far faster than an
// object with a property per key.
//
// A state is saved after every batch, its keys those of the whole overlap window (100,000 and
// more), while a batch adds a few thousand: the packed form is kept and extended with the keys
// added since; forgotten keys are cut out of it as they are forgotten, and it is rebuilt only when
// a key's time changed.

const KEY_WIDTH = 16; // state.ts rowKey: 96 bits in base64
const TIME_WIDTH = 7; // received time, epoch seconds in base 36 (up to year 4400)
const ENTRY_WIDTH = KEY_WIDTH + TIME_WIDTH;
const MAX_TIME = 36 ** TIME_WIDTH;
/** Printable ASCII but `"` and `\`: the packed form goes into JSON as it is. */
const KEY = /^[\x20\x21\x23-\x5b\x5d-\x7e]{16}$/;

/** A set's state at some moment (KeySet.mark). */
export interface KeySetMark {
  readonly revision: number;
  readonly size: number;
}

export class KeySet {
  private readonly entries: Map<string, number>;
  // Caches, not state (private fields, so that comparing two sets compares their entries only).
  /** The keys in the Map's order, as far as `packed` holds them and beyond. */
  #order: string[];
  #packed = Buffer.alloc(0);
  /** Entries of `order` packed into `packed`. */
  #packedCount = 0;
  /** A key's time changed: `order` and `packed` must be rebuilt. */
  #stale = false;
  /** No key is older than this (epoch seconds): prune has nothing to do before it. */
  #oldest = Infinity;
  /** Counts changes other than new keys (forgetting keys, a key's time changing): see mark(). */
  #revision = 0;

  constructor(entries?: Iterable<[string, number]>) {
    this.entries = new Map(entries);
    this.#order = [...this.entries.keys()];
    for (const received of this.entries.values()) this.#oldest = Math.min(this.#oldest, received);
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** `receivedSeconds`: the row's received time, epoch seconds. */
  add(key: string, receivedSeconds: number): void {
    const known = this.entries.get(key);
    if (known === receivedSeconds) return;
    this.entries.set(key, receivedSeconds);
    if (known !== undefined) {
      this.#stale = true;
      this.#revision++;
    } else {
      this.#order.push(key);
    }
    if (receivedSeconds < this.#oldest) this.#oldest = receivedSeconds;
  }

  [Symbol.iterator](): IterableIterator<[string, number]> {
    return this.entries[Symbol.iterator]();
  }

  /** Forgets keys of rows received before `horizonMs` (no later read returns them). */
  prune(horizonMs: number): void {
    const horizon = Math.floor(horizonMs / 1000);
    if (this.#oldest >= horizon) return;
    this.#revision++;
    if (!this.#stale) {
      this.#oldest = this.forget(horizon);
      return;
    }
    let oldest = Infinity;
    for (const [key, received] of this.entries) {
      if (received < horizon) this.entries.delete(key);
      else if (received < oldest) oldest = received;
    }
    this.#oldest = oldest;
  }

  /** Where the set is now, for addedSince(). */
  mark(): KeySetMark {
    return { revision: this.#revision, size: this.entries.size };
  }

  /**
   * The keys added since `mark`, in the order they were added, but the first `skip` of them;
   * undefined when anything else changed since (keys forgotten, a time changed): then the set is
   * not `mark`'s plus the keys added.
   */
  addedSince(mark: KeySetMark, skip = 0): readonly string[] | undefined {
    if (mark.revision !== this.#revision || this.#stale) return undefined;
    return this.#order.slice(mark.size + skip);
  }

  /** JSON.stringify's hook (it passes the property name, so no options here). */
  toJSON(): string {
    return this.pack();
  }

  /** The packed form; keys in `without` are left out. */
  pack(without?: ReadonlySet<string>): string {
    return this.packedBytes(without).toString('latin1');
  }

  /**
   * The packed form as bytes (ASCII, nothing to escape in JSON); keys in `without` are left out.
   * Valid until the set changes: write it out before the next add or prune.
   */
  packedBytes(without?: ReadonlySet<string>): Buffer {
    if (without !== undefined && without.size > 0 && [...without].some((key) => this.entries.has(key))) {
      return this.packInto(Buffer.allocUnsafe(this.entries.size * ENTRY_WIDTH), [...this.entries.keys()].filter((key) => !without.has(key)), 0);
    }
    if (this.#stale) {
      this.#order = [...this.entries.keys()];
      this.#packedCount = 0;
      this.#stale = false;
    }
    if (this.#packed.length < this.#order.length * ENTRY_WIDTH) {
      const grown = Buffer.allocUnsafe(Math.max(this.#order.length, 2 * this.#packedCount, 1024) * ENTRY_WIDTH);
      this.#packed.copy(grown, 0, 0, this.#packedCount * ENTRY_WIDTH);
      this.#packed = grown;
    }
    this.packInto(this.#packed, this.#order.slice(this.#packedCount), this.#packedCount * ENTRY_WIDTH);
    this.#packedCount = this.#order.length;
    return this.#packed.subarray(0, this.#packedCount * ENTRY_WIDTH);
  }

  /**
   * Forgets the keys received before `horizon` (epoch seconds), cutting them out of `order` and
   * `packed` in the same pass; entries kept one after another move together (forgotten keys are
   * the oldest: mostly one run at the front). The oldest time kept.
   */
  private forget(horizon: number): number {
    const order = this.#order;
    const packed = this.#packed;
    let oldest = Infinity;
    let kept = 0;
    let packedKept = 0;
    let run = -1; // first entry of the run of kept packed entries being gathered
    const moveRun = (end: number): void => {
      if (run < 0) return;
      if (packedKept !== run) packed.copyWithin(packedKept * ENTRY_WIDTH, run * ENTRY_WIDTH, end * ENTRY_WIDTH);
      packedKept += end - run;
      run = -1;
    };
    for (let i = 0; i < order.length; i++) {
      const key = order[i];
      const received = this.entries.get(key)!;
      const keep = received >= horizon;
      if (keep) {
        if (received < oldest) oldest = received;
        order[kept++] = key;
      } else {
        this.entries.delete(key);
      }
      if (i < this.#packedCount) {
        if (keep && run < 0) run = i;
        else if (!keep) moveRun(i);
      }
    }
    moveRun(this.#packedCount);
    order.length = kept;
    this.#packedCount = packedKept;
    return oldest;
  }

  /** Writes the entries of `keys` into `out` from byte `at`; the bytes written. */
  private packInto(out: Buffer, keys: readonly string[], at: number): Buffer {
    for (const key of keys) {
      if (!KEY.test(key)) throw new RangeError(`a row key is ${KEY_WIDTH} base64 characters (state.ts rowKey), not ${JSON.stringify(key)}`);
      out.write(key, at, KEY_WIDTH, 'latin1');
      const received = this.entries.get(key)!;
      if (Number.isInteger(received) && received >= 0 && received < MAX_TIME) {
        let rest = received;
        for (let i = at + ENTRY_WIDTH - 1; i >= at + KEY_WIDTH; i--) {
          const digit = rest % 36;
          out[i] = digit < 10 ? 48 + digit : 87 + digit; // 0-9, a-z
          rest = (rest - digit) / 36;
        }
      } else {
        out.write(received.toString(36).padStart(TIME_WIDTH, '0'), at + KEY_WIDTH, TIME_WIDTH, 'latin1');
      }
      at += ENTRY_WIDTH;
    }
    return out.subarray(0, at);
  }

  /** The set a toJSON() string holds, or undefined when `value` is not one. */
  static fromJSON(value: unknown): KeySet | undefined {
    if (typeof value !== 'string' || value.length % ENTRY_WIDTH !== 0) return undefined;
    const entries: [string, number][] = [];
    for (let at = 0; at < value.length; at += ENTRY_WIDTH) {
      const received = Number.parseInt(value.slice(at + KEY_WIDTH, at + ENTRY_WIDTH), 36);
      if (Number.isNaN(received)) return undefined;
      entries.push([value.slice(at, at + KEY_WIDTH), received]);
    }
    return new KeySet(entries);
  }
}
