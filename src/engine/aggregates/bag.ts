// make_bag: merges the property bags of the group into one. Values that are not bags
// (arrays, scalars, null) are skipped. When a key appears in several rows Kusto picks an
// arbitrary value; the local engine keeps the first. maxSize caps the number of keys
// (default and maximum 1,048,576; 128 for the deprecated make_dictionary). A group with no
// bag gives {}.
import { DynamicColumn, type DynamicValue } from '../data/column';
import { argAt, constantNumber } from './args';
import { MAX_COLLECT_SIZE } from './collect';
import type { AggregateFunction } from './types';

function bag(fn: string, defaultSize: number): AggregateFunction {
  return {
    aggregate(args, groups, groupCount) {
      const column = argAt(args, 0, fn);
      if (!(column instanceof DynamicColumn)) throw new TypeError(`${fn}() needs a dynamic property bag, not ${column.type}`);
      const limit = Math.max(0, Math.min(MAX_COLLECT_SIZE, Math.floor(constantNumber(args, 1, defaultSize, fn))));
      const bags = new Array<Map<string, DynamicValue> | undefined>(groupCount);
      const { values } = column;
      for (let i = 0; i < groups.length; i++) {
        const g = groups[i];
        const value = values[i];
        if (g < 0 || value === null || typeof value !== 'object' || Array.isArray(value)) continue;
        let merged = bags[g];
        if (merged === undefined) {
          merged = new Map();
          bags[g] = merged;
        }
        for (const key of Object.keys(value)) {
          if (merged.size >= limit) break;
          if (!merged.has(key)) merged.set(key, value[key]);
        }
      }
      const out = new Array<DynamicValue>(groupCount);
      // Object.fromEntries defines own properties, so a key such as "__proto__" stays data.
      for (let g = 0; g < groupCount; g++) out[g] = Object.fromEntries(bags[g] ?? []);
      return new DynamicColumn(out);
    },
  };
}

export const makeBag = bag('make_bag', MAX_COLLECT_SIZE);
export const makeDictionary = bag('make_dictionary', 128);
