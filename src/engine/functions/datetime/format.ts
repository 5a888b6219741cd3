// format_datetime(date, format) and format_timespan(timespan, format) with Kusto's format
// specifiers: d dd, f..fffffff, F..FFFFFFF, h hh, H HH, m mm, M MM, s ss, y yy yyyy, tt (and
// dd..dddddddd for a timespan's days), separated by the documented delimiters
// (space / - : , . _ [ ]). Anything else throws NotSupportedError.
import { TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MINUTE, TICKS_PER_SECOND } from '../../data/temporal';
import { asNumberColumn, asStringColumn } from '../kernel/coerce';
import { constantStringValue } from '../kernel/constant';
import { scalar } from '../kernel/functions';
import { buildRows } from '../kernel/rowwise';
import { NotSupportedError, type ScalarFunction } from '../types';
import { toCivil } from './calendar';

/** The fields a format can print, for a datetime or a timespan. */
interface Fields {
  year: number;
  month: number;
  day: number; // day of month, or whole days of a timespan
  hour: number;
  minute: number;
  second: number;
  fraction: string; // seven digits
}

type Piece = (fields: Fields) => string;

/** The delimiters Kusto documents for format_datetime and format_timespan. */
const DELIMITERS = new Set([' ', '/', '-', ':', ',', '.', '_', '[', ']']);

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function fractionPiece(count: number, trim: boolean): Piece {
  if (count > 7) throw new NotSupportedError(`format specifier of ${count} fraction digits`);
  return (f) => {
    const digits = f.fraction.slice(0, count);
    return trim ? digits.replace(/0+$/, '') : digits;
  };
}

function datetimePiece(letter: string, count: number): Piece | undefined {
  switch (letter) {
    case 'd': return count <= 2 ? (f) => pad(f.day, count) : undefined;
    case 'M': return count <= 2 ? (f) => pad(f.month, count) : undefined;
    case 'y':
      if (count === 1) return (f) => String(f.year % 100);
      if (count === 2) return (f) => pad(f.year % 100, 2);
      return count <= 5 ? (f) => pad(f.year, count) : undefined;
    case 'h': return count <= 2 ? (f) => pad(f.hour % 12 === 0 ? 12 : f.hour % 12, count) : undefined;
    case 'H': return count <= 2 ? (f) => pad(f.hour, count) : undefined;
    case 'm': return count <= 2 ? (f) => pad(f.minute, count) : undefined;
    case 's': return count <= 2 ? (f) => pad(f.second, count) : undefined;
    case 't': return count <= 2 ? (f) => (f.hour < 12 ? 'AM' : 'PM').slice(0, count) : undefined;
    case 'f': case 'F': return fractionPiece(count, letter === 'F');
    default: return undefined;
  }
}

function timespanPiece(letter: string, count: number): Piece | undefined {
  switch (letter) {
    case 'd': return count <= 8 ? (f) => pad(f.day, count) : undefined;
    case 'h': case 'H': return count <= 2 ? (f) => pad(f.hour, count) : undefined;
    case 'm': case 's': case 'f': case 'F': return datetimePiece(letter, count);
    default: return undefined;
  }
}

/** Compiles a format into a printer; an F run that prints nothing also drops a '.' before it. */
function compile(format: string, pieceFor: (letter: string, count: number) => Piece | undefined): (f: Fields) => string {
  const pieces: { piece: Piece; dropsDot: boolean }[] = [];
  for (let i = 0; i < format.length;) {
    const letter = format[i];
    let count = 1;
    while (format[i + count] === letter) count++;
    i += count;
    if (/[A-Za-z]/.test(letter)) {
      const piece = pieceFor(letter, count);
      if (piece === undefined) throw new NotSupportedError(`format specifier '${letter.repeat(count)}'`);
      pieces.push({ piece, dropsDot: letter === 'F' });
    } else if (!DELIMITERS.has(letter)) {
      throw new NotSupportedError(`format delimiter '${letter}'`);
    } else {
      const text = letter.repeat(count);
      pieces.push({ piece: () => text, dropsDot: false });
    }
  }
  return (fields) => {
    let out = '';
    for (const { piece, dropsDot } of pieces) {
      const text = piece(fields);
      if (dropsDot && text === '' && out.endsWith('.')) out = out.slice(0, -1);
      out += text;
    }
    return out;
  };
}

function datetimeFields(micros: number): Fields {
  const c = toCivil(micros);
  return { ...c, fraction: `${pad(c.micro, 6)}0` };
}

function timespanFields(ticks: number): Fields {
  if (ticks < 0) throw new NotSupportedError('format_timespan() of a negative timespan');
  const day = Math.floor(ticks / TICKS_PER_DAY);
  const hour = Math.floor((ticks % TICKS_PER_DAY) / TICKS_PER_HOUR);
  const minute = Math.floor((ticks % TICKS_PER_HOUR) / TICKS_PER_MINUTE);
  const second = Math.floor((ticks % TICKS_PER_MINUTE) / TICKS_PER_SECOND);
  return { year: 0, month: 0, day, hour, minute, second, fraction: pad(ticks % TICKS_PER_SECOND, 7) };
}

function formatter(pieceFor: typeof datetimePiece, fieldsOf: (x: number) => Fields): ScalarFunction {
  const compiled = new Map<string, (f: Fields) => string>();
  const printerFor = (format: string): ((f: Fields) => string) => {
    let printer = compiled.get(format);
    if (printer === undefined) {
      printer = compile(format, pieceFor);
      if (compiled.size > 64) compiled.clear();
      compiled.set(format, printer);
    }
    return printer;
  };
  return scalar((args, _type, rowCount) => {
    const values = asNumberColumn(args[0], 'format function');
    const formats = asStringColumn(args[1]);
    const constant = constantStringValue(formats);
    const fixed = constant === undefined ? undefined : printerFor(constant);
    return buildRows('string', rowCount, (i) => {
      if (values.isNull(i)) return '';
      const printer = fixed ?? printerFor(formats.dictionary[formats.codes[i]]);
      return printer(fieldsOf(values.data[i]));
    });
  });
}

export const formatFunctions: Record<string, ScalarFunction> = {
  format_datetime: formatter(datetimePiece, datetimeFields),
  format_timespan: formatter(timespanPiece, timespanFields),
};
