// Conversion functions: tostring, toint, tolong, toreal/todouble, todecimal (held as a real),
// tobool/toboolean, toguid, todatetime, totimespan, todynamic/parse_json. A value that does not
// convert gives null. Conversions Kusto defines but this engine cannot represent exactly
// (a datetime to a number of ticks since 0001-01-01) throw NotSupportedError.
import { BoolColumn, DynamicColumn, NumberColumn, StringColumn, type Column, type DynamicValue, type KqlType, type Value } from '../data/column';
import { asDynamicValues, asStringColumn } from './kernel/coerce';
import { mapStrings } from './kernel/dictionary';
import { scalar } from './kernel/functions';
import { buildRows } from './kernel/rowwise';
import { parseDatetime, parseTimespan } from '../data/temporal';
import { parseBool, parseGuid, parseInteger, parseJson, parseReal } from './parse';
import { NotSupportedError, type ScalarFunction } from './types';

interface Converter {
  fromText(text: string): Value;
  fromNumber(x: number, type: KqlType): Value;
  fromBool(b: boolean): Value;
}

function convert(target: KqlType, name: string, converter: Converter): ScalarFunction {
  const fromDynamic = (value: DynamicValue): Value => {
    if (typeof value === 'string') return converter.fromText(value);
    if (typeof value === 'number') return converter.fromNumber(value, 'real');
    if (typeof value === 'boolean') return converter.fromBool(value);
    return null;
  };
  const fromColumn = (column: Column): Column => {
    if (column.type === target) return column;
    if (column instanceof StringColumn) return mapStrings(column, target, converter.fromText);
    if (column instanceof NumberColumn) return buildRows(target, column.length, (i) => (column.isNull(i) ? null : converter.fromNumber(column.data[i], column.type)));
    if (column instanceof BoolColumn) return buildRows(target, column.length, (i) => (column.isNull(i) ? null : converter.fromBool(column.data[i] === 1)));
    if (column instanceof DynamicColumn) return buildRows(target, column.length, (i) => fromDynamic(column.values[i]));
    throw new NotSupportedError(`${name}()`);
  };
  return scalar((args) => fromColumn(args[0]));
}

function refuseTemporal(name: string, type: KqlType): void {
  if (type === 'datetime') throw new NotSupportedError(`${name}() of a datetime`);
}

function integerConverter(name: string, min: number, max: number): Converter {
  const inRange = (x: number): number | null => (x >= min && x <= max ? x : null);
  return {
    fromText: (text) => {
      const n = parseInteger(text);
      return n === null ? null : inRange(n);
    },
    fromNumber: (x, type) => {
      refuseTemporal(name, type);
      return Number.isFinite(x) ? inRange(Math.trunc(x)) : null;
    },
    fromBool: (b) => (b ? 1 : 0),
  };
}

function realConverter(name: string): Converter {
  return {
    fromText: parseReal,
    fromNumber: (x, type) => {
      refuseTemporal(name, type);
      return x;
    },
    fromBool: (b) => (b ? 1 : 0),
  };
}

const boolConverter: Converter = {
  fromText: parseBool,
  fromNumber: (x, type) => {
    if (type === 'datetime' || type === 'timespan') throw new NotSupportedError(`tobool() of a ${type}`);
    return Number.isNaN(x) ? null : x !== 0;
  },
  fromBool: (b) => b,
};

/** A converter to a type that only text converts to (and the type itself). */
function textOnly(name: string, parse: (text: string) => Value): Converter {
  return {
    fromText: parse,
    fromNumber: (_x, type) => {
      throw new NotSupportedError(`${name}() of a ${type}`);
    },
    fromBool: () => null,
  };
}

const toStringFn: ScalarFunction = scalar((args) => asStringColumn(args[0]));

const toDynamic: ScalarFunction = scalar((args) => {
  const column = args[0];
  if (column instanceof DynamicColumn) return column;
  if (column instanceof StringColumn && column.type === 'string') return mapStrings(column, 'dynamic', parseJson);
  return new DynamicColumn(asDynamicValues(column));
});

const INT_MAX = 2 ** 31 - 1;
const toReal = convert('real', 'toreal', realConverter('toreal'));
const toBool = convert('bool', 'tobool', boolConverter);

export const conversionFunctions: Record<string, ScalarFunction> = {
  tostring: toStringFn,
  toint: convert('int', 'toint', integerConverter('toint', -INT_MAX - 1, INT_MAX)),
  tolong: convert('long', 'tolong', integerConverter('tolong', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)),
  toreal: toReal,
  todouble: toReal,
  todecimal: convert('decimal', 'todecimal', realConverter('todecimal')),
  tobool: toBool,
  toboolean: toBool,
  toguid: convert('guid', 'toguid', textOnly('toguid', parseGuid)),
  todatetime: convert('datetime', 'todatetime', textOnly('todatetime', parseDatetime)),
  totimespan: convert('timespan', 'totimespan', textOnly('totimespan', parseTimespan)),
  todynamic: toDynamic,
  parse_json: toDynamic,
};
