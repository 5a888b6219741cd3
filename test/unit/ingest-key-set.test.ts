// KeySet keeps its packed form between saves and extends it with the keys added since: whatever
// the adds, prunes and saves in between, the packed form is the one packing from scratch gives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { KeySet } from '../../src/ingest/key-set';

const T0 = 1_790_000_000;
const key = (n: number): string => `key${String(n).padStart(13, '0')}`;

/** The packed form as it was first written: every entry in Map order, key then base-36 time. */
function reference(entries: Map<string, number>, without: ReadonlySet<string> = new Set()): string {
  const parts: string[] = [];
  for (const [k, received] of entries) if (!without.has(k)) parts.push(k, received.toString(36).padStart(7, '0'));
  return parts.join('');
}

type Step = { add: [number, number] } | { prune: number } | { pack: number[] };

test('property: the packed form kept between saves is the one packing from scratch gives', () => {
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 6, arbitrary: fc.record({ add: fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 100 })) }) },
    { weight: 1, arbitrary: fc.record({ prune: fc.integer({ min: 0, max: 100 }) }) },
    { weight: 2, arbitrary: fc.record({ pack: fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 3 }) }) },
  );
  fc.assert(fc.property(fc.array(step, { minLength: 20, maxLength: 300, size: 'max' }), (steps) => {
    const set = new KeySet();
    const model = new Map<string, number>();
    for (const s of steps) {
      if ('add' in s) {
        set.add(key(s.add[0]), T0 + s.add[1]);
        model.set(key(s.add[0]), T0 + s.add[1]);
      } else if ('prune' in s) {
        set.prune((T0 + s.prune) * 1000);
        for (const [k, received] of model) if (received < T0 + s.prune) model.delete(k);
      } else {
        const without = new Set(s.pack.map(key));
        assert.equal(set.pack(without), reference(model, without));
        assert.equal(set.pack(), reference(model));
      }
    }
    assert.equal(set.size, model.size);
    assert.equal(set.pack(), reference(model));
    assert.deepEqual(KeySet.fromJSON(set.pack()), new KeySet(model), 'read back: the same entries');
  }), { numRuns: 300, seed: 7 });
});

test('keys that could not go into JSON as they are, or of another width, are refused when packed', () => {
  for (const bad of ['short', 'quote"0000000000', 'backslash\\000000']) {
    const set = new KeySet([[bad, T0]]);
    assert.throws(() => set.pack(), RangeError, bad);
  }
});
