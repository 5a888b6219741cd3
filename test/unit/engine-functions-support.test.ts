// Helpers shared by the engine-functions tests: call a registry entry on columns built from
// boxed values and read the result back. (Also a test file, so that it checks itself.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { columnFromValues, constantColumn } from '../../src/engine/data/builder';
import type { Column, KqlType, Value } from '../../src/engine/data/column';
import { parseDatetime, parseTimespan } from '../../src/engine/data/temporal';
import { scalarFunctions } from '../../src/engine/functions';
import type { EvalContext } from '../../src/engine/functions/types';

export const NOW = '2024-01-15T12:00:00Z';
export const context: EvalContext = { now: dt(NOW) };

/** A column of the given type and values. */
export function col(type: KqlType, values: readonly Value[]): Column {
  return columnFromValues(type, values);
}

/** A literal: a column repeating one value. */
export function lit(type: KqlType, value: Value, rows = 1): Column {
  return constantColumn(type, value, rows);
}

/** Calls the registry entry `name` and returns its result column. */
export function call(name: string, args: readonly Column[], resultType: KqlType, rows = args[0]?.length ?? 1): Column {
  const fn = scalarFunctions.get(name);
  if (fn === undefined) throw new Error(`no scalar function ${name}`);
  return fn.evaluate(args, resultType, rows, context);
}

/** The boxed values of a column. */
export function values(column: Column): Value[] {
  return Array.from({ length: column.length }, (_, i) => column.get(i));
}

/** Calls `name` and returns the boxed values of the result. */
export function run(name: string, args: readonly Column[], resultType: KqlType, rows?: number): Value[] {
  const result = call(name, args, resultType, rows);
  assert.equal(result.type, resultType, `${name} returns ${resultType}`);
  return values(result);
}

/** The first value of `name` applied to literals (one row). */
export function one(name: string, args: readonly [KqlType, Value][], resultType: KqlType): Value {
  return run(name, args.map(([type, value]) => lit(type, value)), resultType, 1)[0];
}

export function dt(text: string): number {
  const micros = parseDatetime(text);
  if (micros === null) throw new Error(`bad datetime ${text}`);
  return micros;
}

export function ts(text: string): number {
  const ticks = parseTimespan(text);
  if (ticks === null) throw new Error(`bad timespan ${text}`);
  return ticks;
}

test('support: call() refuses an unknown function name', () => {
  assert.throws(() => call('no_such_function', [], 'long'), /no scalar function/);
  assert.deepEqual(values(col('long', [1, null])), [1, null]);
});
