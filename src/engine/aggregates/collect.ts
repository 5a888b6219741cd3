// make_list, make_list_with_nulls, make_set: one dynamic array per group, in row order.
// make_list and make_set ignore nulls (make_list_with_nulls keeps them as JSON null); the
// empty string is a value, since Kusto strings are never null. make_set keeps the first
// occurrence of each value and, as in the make_set docs' "set from array column" example,
// adds the elements of a dynamic array rather than the array itself. maxSize defaults to and
// is capped at 1,048,576 (128 for the deprecated makelist/makeset). A group with no value
// gives [].
import { DynamicColumn, type Column, type DynamicValue } from '../data/column';
import { argAt, constantNumber } from './args';
import { dynamicReader } from '../data/dynamic-values';
import { forEachFirstDistinct } from './distinct';
import type { AggregateFunction } from './types';

export const MAX_COLLECT_SIZE = 1_048_576;

function maxSizeArg(args: readonly Column[], defaultSize: number, fn: string): number {
  const size = constantNumber(args, 1, defaultSize, fn);
  return Math.max(0, Math.min(MAX_COLLECT_SIZE, Math.floor(size)));
}

function emptyLists(groupCount: number): DynamicValue[][] {
  const lists = new Array<DynamicValue[]>(groupCount);
  for (let g = 0; g < groupCount; g++) lists[g] = [];
  return lists;
}

interface ListOptions {
  fn: string;
  withNulls: boolean;
  defaultSize: number;
}

function list({ fn, withNulls, defaultSize }: ListOptions): AggregateFunction {
  return {
    aggregate(args, groups, groupCount) {
      const valueAt = dynamicReader(argAt(args, 0, fn));
      const limit = withNulls ? MAX_COLLECT_SIZE : maxSizeArg(args, defaultSize, fn);
      const lists = emptyLists(groupCount);
      for (let i = 0; i < groups.length; i++) {
        const g = groups[i];
        if (g < 0) continue;
        const target = lists[g];
        if (target.length >= limit) continue;
        const value = valueAt(i);
        if (value !== undefined) target.push(value);
        else if (withNulls) target.push(null);
      }
      return new DynamicColumn(lists);
    },
  };
}

function set(fn: string, defaultSize: number): AggregateFunction {
  return {
    aggregate(args, groups, groupCount) {
      const column = argAt(args, 0, fn);
      const limit = maxSizeArg(args, defaultSize, fn);
      const lists = emptyLists(groupCount);
      if (column instanceof DynamicColumn) {
        // Arrays add their elements, so one row can add several values: keep a Set per group.
        const seen = new Array<Set<string> | undefined>(groupCount);
        const add = (g: number, value: DynamicValue): void => {
          const seenInGroup = (seen[g] ??= new Set());
          const key = JSON.stringify(value);
          if (lists[g].length < limit && !seenInGroup.has(key)) {
            seenInGroup.add(key);
            lists[g].push(value);
          }
        };
        const { values } = column;
        for (let i = 0; i < groups.length; i++) {
          const g = groups[i];
          const value = values[i];
          if (g < 0 || value === null) continue;
          if (Array.isArray(value)) {
            for (const element of value) if (element !== null) add(g, element);
          } else {
            add(g, value);
          }
        }
      } else {
        const valueAt = dynamicReader(column);
        forEachFirstDistinct(column, groups, groupCount, (g, row) => {
          if (lists[g].length < limit) lists[g].push(valueAt(row) as DynamicValue);
        });
      }
      return new DynamicColumn(lists);
    },
  };
}

export const makeList = list({ fn: 'make_list', withNulls: false, defaultSize: MAX_COLLECT_SIZE });
export const makeListDeprecated = list({ fn: 'makelist', withNulls: false, defaultSize: 128 });
export const makeListWithNulls = list({ fn: 'make_list_with_nulls', withNulls: true, defaultSize: MAX_COLLECT_SIZE });
export const makeSet = set('make_set', MAX_COLLECT_SIZE);
export const makeSetDeprecated = set('makeset', 128);
