// The scalar function registry: every function keyed by its Kusto name (as Kusto spells it,
// lower case) and every operator by its symbol or keyword ('+', '==', 'has', '!in~',
// 'matches_regex', 'negate', 'between' ...). Each function is wrapped so that its result
// column has exactly the type Kusto.Language computed for the call.
import { arrayFunctions } from './arrays';
import { binFunctions } from './bin';
import { bitwiseFunctions } from './bitwise';
import { concatFunctions } from './concat';
import { conditionalFunctions } from './conditional';
import { conversionFunctions } from './conversion';
import { formatFunctions } from './datetime/format';
import { datetimeFunctions } from './datetime/functions';
import { datetimePartFunctions } from './datetime/parts';
import { dynamicFunctions } from './dynamic';
import { encodingFunctions } from './encoding';
import { hashFunctions } from './hash';
import { ipFunctions } from './ip';
import { conformTo } from './kernel/coerce';
import { mathFunctions } from './math';
import { nullFunctions } from './nulls';
import { arithmeticOperators } from './operators/arithmetic';
import { betweenOperators } from './operators/between';
import { comparisonOperators } from './operators/comparison';
import { logicalOperators } from './operators/logical';
import { setOperators } from './operators/sets';
import { stringOperators } from './operators/string-ops';
import { regexFunctions } from './regex-functions';
import { stringFunctions } from './strings';
import type { ScalarFunction } from './types';
import { urlFunctions } from './url';

export { constantValue, constantStringValue } from './kernel/constant';
export { dynamicIndex } from './dynamic-index';
export { MIRRORED, compareToConstant, isComparisonOperator } from './operators/comparison';
export { NotSupportedError } from './types';
export type { EvalContext, ScalarFunction } from './types';

const GROUPS: Record<string, ScalarFunction>[] = [
  arithmeticOperators, comparisonOperators, logicalOperators, stringOperators, setOperators, betweenOperators,
  datetimeFunctions, datetimePartFunctions, formatFunctions, binFunctions,
  stringFunctions, concatFunctions, regexFunctions, encodingFunctions, urlFunctions,
  conversionFunctions, conditionalFunctions, nullFunctions, mathFunctions, bitwiseFunctions, dynamicFunctions, arrayFunctions,
  ipFunctions, hashFunctions,
];

function typed(fn: ScalarFunction): ScalarFunction {
  return {
    evaluate(args, resultType, rowCount, context) {
      return conformTo(fn.evaluate(args, resultType, rowCount, context), resultType);
    },
  };
}

function buildRegistry(): Map<string, ScalarFunction> {
  const registry = new Map<string, ScalarFunction>();
  for (const group of GROUPS) {
    for (const [name, fn] of Object.entries(group)) {
      if (registry.has(name)) throw new Error(`scalar function ${name} is registered twice`);
      registry.set(name, typed(fn));
    }
  }
  return registry;
}

export const scalarFunctions: ReadonlyMap<string, ScalarFunction> = buildRegistry();
