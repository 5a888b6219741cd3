// Values as they appear inside a dynamic result (make_list, make_set, percentiles_array):
// numbers stay numbers, datetimes become ISO 8601 text ending in Z, timespans Kusto's
// `[-][d.]hh:mm:ss[.fffffff]` text, bools true/false, strings and guids text.
import { BoolColumn, NumberColumn, StringColumn, type Column, type DynamicValue, type KqlType } from './column';
import { formatDatetime, formatTimespan } from './temporal';

export function numberToDynamic(type: KqlType, value: number): DynamicValue {
  if (type === 'datetime') return formatDatetime(value);
  if (type === 'timespan') return formatTimespan(value);
  return value;
}

/** Reads row i as a dynamic value; undefined for a null (a guid's code -1, a dynamic null ...). */
export function dynamicReader(column: Column): (row: number) => DynamicValue | undefined {
  if (column instanceof NumberColumn) {
    const { data, valid, type } = column;
    const plain = type !== 'datetime' && type !== 'timespan';
    return (i) => (valid !== undefined && valid[i] === 0 ? undefined : plain ? data[i] : numberToDynamic(type, data[i]));
  }
  if (column instanceof BoolColumn) {
    const { data, valid } = column;
    return (i) => (valid !== undefined && valid[i] === 0 ? undefined : data[i] === 1);
  }
  if (column instanceof StringColumn) {
    const { codes, dictionary } = column;
    return (i) => (codes[i] < 0 ? undefined : dictionary[codes[i]]);
  }
  const { values } = column;
  return (i) => (values[i] === null ? undefined : values[i]);
}
