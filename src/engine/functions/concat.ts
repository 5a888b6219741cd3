// strcat(args...), strcat_delim(delimiter, args...) and strcat_array(array, delimiter). Every
// argument is converted as tostring() does; with a single varying argument the result is
// computed once per dictionary entry.
import type { Column, DynamicValue, StringColumn } from '../data/column';
import { asStringColumn } from './kernel/coerce';
import { constantStringValue } from './kernel/constant';
import { mapStrings } from './kernel/dictionary';
import { scalar } from './kernel/functions';
import { buildRows } from './kernel/rowwise';
import { dynamicToString } from './kernel/values';
import type { ScalarFunction } from './types';

/** Joins the string forms of `parts` per row with the separator (a constant or a column). */
function joinColumns(parts: readonly Column[], rowCount: number, separator: string | StringColumn): Column {
  const strings = parts.map(asStringColumn);
  const varying = strings.filter((column) => constantStringValue(column) === undefined);
  if (typeof separator === 'string' && varying.length === 1 && rowCount > 0) {
    // One varying argument: compute once per entry of its dictionary.
    const position = strings.indexOf(varying[0]);
    const texts = strings.map((column) => column.dictionary[column.codes[0]]);
    return mapStrings(varying[0], 'string', (s) => {
      texts[position] = s;
      return texts.join(separator);
    });
  }
  const separatorAt = typeof separator === 'string' ? () => separator : (i: number) => separator.dictionary[separator.codes[i]];
  return buildRows('string', rowCount, (i) => strings.map((column) => column.dictionary[column.codes[i]]).join(separatorAt(i)));
}

const strcat: ScalarFunction = scalar((args, _type, rowCount) => joinColumns(args, rowCount, ''));

const strcatDelim: ScalarFunction = scalar((args, _type, rowCount) => {
  const delimiter = asStringColumn(args[0]);
  return joinColumns(args.slice(1), rowCount, constantStringValue(delimiter) ?? delimiter);
});

const strcatArray: ScalarFunction = scalar((args, _type, rowCount) => {
  const [array, delimiterColumn] = args;
  const delimiter = asStringColumn(delimiterColumn);
  return buildRows('string', rowCount, (i) => {
    const value = array.get(i) as DynamicValue;
    if (!Array.isArray(value)) return '';
    return value.map(dynamicToString).join(delimiter.dictionary[delimiter.codes[i]]);
  });
});

export const concatFunctions: Record<string, ScalarFunction> = {
  strcat,
  strcat_delim: strcatDelim,
  strcat_array: strcatArray,
};
