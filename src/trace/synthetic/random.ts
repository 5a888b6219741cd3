// Seeded randomness for the synthetic trace: splitmix32 (a Weyl sequence through murmur3's
// finaliser), the same numbers on every machine and Node version, cheap to reseed (every
// message has its own stream), and a few distributions. Independent streams (per day,
// message and concern) come from `streamSeed`, so that switching a scenario on does not
// shift the numbers any other stream draws.

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Starts over as `new Random(seed)` would, without a new object. */
  reseed(seed: number): this {
    this.state = seed >>> 0;
    return this;
  }

  uint32(): number {
    let z = (this.state = (this.state + 0x9e3779b9) | 0);
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** A whole number in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A whole number in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Standard normal (Box-Muller, one of the pair). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }
}

/** Draws indexes 0..n-1 with given weights in constant time (Walker's alias method). */
export class WeightedPicker {
  private readonly keep: Float64Array;
  private readonly alias: Int32Array;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i];
    this.keep = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = Float64Array.from(weights, (w) => (w * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((w, i) => (w < 1 ? small : large).push(i));
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large[large.length - 1];
      this.keep[s] = scaled[s];
      this.alias[s] = l;
      scaled[l] -= 1 - scaled[s];
      if (scaled[l] < 1) small.push(large.pop()!);
    }
    for (const i of [...small, ...large]) {
      this.keep[i] = 1;
      this.alias[i] = i;
    }
  }

  /** Weights 1/(i+1)^s: a few very busy items and a long tail. */
  static zipf(n: number, s: number): WeightedPicker {
    const weights = new Float64Array(n);
    for (let i = 0; i < n; i++) weights[i] = 1 / Math.pow(i + 1, s);
    return new WeightedPicker(weights);
  }

  pick(random: Random): number {
    const u = random.next() * this.keep.length;
    const i = Math.floor(u);
    return u - i < this.keep[i] ? i : this.alias[i];
  }
}

/** A 32-bit seed for one stream, from the source's seed and the stream's coordinates (whole numbers below 2^53). */
export function streamSeed(seed: number, a: number, b = 0, c = 0, d = 0): number {
  let h = (seed ^ 0x5bd1e995) >>> 0;
  h = mixWord(h, a >>> 0);
  h = mixWord(h, b >>> 0);
  h = mixWord(h, Math.floor(b / 4294967296) >>> 0);
  h = mixWord(h, c >>> 0);
  h = mixWord(h, d >>> 0);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** `streamSeed` as a number in [0, 1). */
export function unitHash(seed: number, a: number, b = 0, c = 0, d = 0): number {
  return streamSeed(seed, a, b, c, d) / 4294967296;
}

function mixWord(h: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) >>> 0;
}

/** FNV-1a of a string, for values derived from names (a domain's IP address). */
export function stringHash(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
