// Factories for the common shapes of scalar functions, so that each function is written once
// as a function of boxed values and gets the column-wise fast paths for free.
import type { Column, KqlType, Value } from '../../data/column';
import type { EvalContext, ScalarFunction } from '../types';
import { asStringColumn } from './coerce';
import { constantValue } from './constant';
import { mapStrings } from './dictionary';
import { buildRows, valuesAt } from './rowwise';

type Evaluate = (args: readonly Column[], resultType: KqlType, rowCount: number, context: EvalContext) => Column;

export function scalar(evaluate: Evaluate): ScalarFunction {
  return { evaluate };
}

/**
 * A function of one string argument (at `sourceIndex`, -1 for the last; other types are
 * converted as tostring() does) and other boxed arguments (`rest`, in order). When the other
 * arguments are constant, `fn` runs once per dictionary entry of the string argument.
 */
export function stringFunction(fn: (s: string, rest: readonly Value[], resultType: KqlType) => Value, sourceIndex = 0): ScalarFunction {
  return scalar((args, resultType, rowCount) => {
    const at = sourceIndex < 0 ? args.length + sourceIndex : sourceIndex;
    const source = asStringColumn(args[at]);
    const rest = args.filter((_, i) => i !== at);
    const constants = constantValues(rest);
    if (constants !== undefined) return mapStrings(source, resultType, (s) => fn(s, constants, resultType));
    return buildRows(resultType, rowCount, (i) => fn(source.dictionary[source.codes[i]], valuesAt(rest, i), resultType));
  });
}

/**
 * A function of boxed values evaluated row by row; when every argument is constant it runs
 * once. `fn` receives the values and the argument types.
 */
export function rowFunction(fn: (values: readonly Value[], types: readonly KqlType[], context: EvalContext) => Value): ScalarFunction {
  return scalar((args, resultType, rowCount, context) => {
    const types = args.map((arg) => arg.type);
    const constants = constantValues(args);
    if (constants !== undefined) {
      const value = fn(constants, types, context);
      return buildRows(resultType, rowCount, () => value);
    }
    return buildRows(resultType, rowCount, (i) => fn(valuesAt(args, i), types, context));
  });
}

/** The constant value of every column, or undefined if any column varies. */
export function constantValues(columns: readonly Column[]): Value[] | undefined {
  const values: Value[] = [];
  for (const column of columns) {
    const constant = constantValue(column);
    if (constant === undefined) return undefined;
    values.push(constant.value);
  }
  return values;
}
