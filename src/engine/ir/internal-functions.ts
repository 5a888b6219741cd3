// Names of the functions the front end's rewrites (frontend/fusions.ts) call. They start with
// "__", which no Kusto function does, so they cannot clash with one.

/** tostring(split(source, delimiter)[index]): (source, delimiter, index) -> string. */
export const SPLIT_PART = '__split_part';
