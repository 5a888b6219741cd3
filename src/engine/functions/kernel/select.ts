// Row-wise selection among several columns (iff, case, coalesce): row i takes its value from
// sources[pick[i]], or null when pick[i] is -1, as a column of the result type.
import { BoolColumn, DynamicColumn, NumberColumn, StringColumn, type Column, type DynamicValue, type KqlType } from '../../data/column';
import { conformTo } from './coerce';

export function selectRows(type: KqlType, sources: readonly Column[], pick: Int32Array): Column {
  const columns = sources.map((source) => conformTo(source, type));
  const n = pick.length;
  if (type === 'string' || type === 'guid') return selectStrings(type, columns as StringColumn[], pick);
  if (type === 'dynamic') {
    return new DynamicColumn(Array.from(pick, (p, i): DynamicValue => (p < 0 ? null : (columns[p] as DynamicColumn).values[i])));
  }
  const data = type === 'bool' ? new Uint8Array(n) : new Float64Array(n);
  let valid: Uint8Array | undefined;
  for (let i = 0; i < n; i++) {
    const source = pick[i] < 0 ? undefined : (columns[pick[i]] as NumberColumn | BoolColumn);
    if (source === undefined || source.isNull(i)) (valid ??= new Uint8Array(n).fill(1))[i] = 0;
    else data[i] = source.data[i];
  }
  return type === 'bool' ? new BoolColumn(data as Uint8Array, valid) : new NumberColumn(type, data as Float64Array, valid);
}

function selectStrings(type: 'string' | 'guid', columns: StringColumn[], pick: Int32Array): StringColumn {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const intern = (s: string): number => {
    let code = index.get(s);
    if (code === undefined) { code = dictionary.length; dictionary.push(s); index.set(s, code); }
    return code;
  };
  const remaps = columns.map((column) => new Int32Array(column.dictionary.length).fill(-2));
  const codes = new Int32Array(pick.length);
  for (let i = 0; i < pick.length; i++) {
    const p = pick[i];
    const code = p < 0 ? -1 : columns[p].codes[i];
    if (code < 0) { codes[i] = type === 'string' ? intern('') : -1; continue; }
    const remap = remaps[p];
    if (remap[code] === -2) remap[code] = intern(columns[p].dictionary[code]);
    codes[i] = remap[code];
  }
  return new StringColumn(type, codes, dictionary);
}
