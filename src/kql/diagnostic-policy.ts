// How Kusto.Language's diagnostics are shown. While no complete workspace schema is loaded,
// a name the server has no schema for (a workspace's own table, an ASIM parser) is a hint,
// not an error; and since everything computed from such a table has unknown types, the
// block's other semantic errors are shown as warnings (their cause may be the missing schema).
// Syntax errors are always errors.
import type { RawDiagnostic } from './block-analysis';
import type { KqlDiagnostic, KqlSeverity } from './types';

/** Kusto.Language codes for a name that does not resolve to any table or function. */
const UNKNOWN_NAME_CODES = new Set([
  'KS204', // The name 'X' does not refer to any known table, tabular variable or function.
  'KS211', // The name 'X' does not refer to any known function.
  'KS205', // The fuzzy name 'X' does not refer to any known or currently accessible table.
]);

/** `union Device*` with no table matching the wildcard comes as a general name error. */
function isUnknownName(d: RawDiagnostic): boolean {
  return UNKNOWN_NAME_CODES.has(d.code) || (d.code === 'KS142' && d.message.endsWith('does not refer to any known table.'));
}

const UNKNOWN_NAME_NOTE = ' No schema is loaded for it: connect a workspace to check it.';
const UNCERTAIN_NOTE = ' (This query uses a table or function without a loaded schema, so this may not be an error.)';

export function applyPolicy(raw: RawDiagnostic[], schemaComplete: boolean, syntaxErrorCodes: ReadonlySet<string>): KqlDiagnostic[] {
  const hasUnknownName = !schemaComplete && raw.some(isUnknownName);
  return raw.map((d) => {
    if (hasUnknownName && isUnknownName(d)) {
      return { ...d, severity: 'hint', message: d.message + UNKNOWN_NAME_NOTE };
    }
    const level = severity(d.severity);
    if (hasUnknownName && level === 'error' && !syntaxErrorCodes.has(d.code)) {
      return { ...d, severity: 'warning', message: d.message + UNCERTAIN_NOTE };
    }
    return { ...d, severity: level };
  });
}

function severity(kustoSeverity: string): KqlSeverity {
  switch (kustoSeverity) {
    case 'Error': return 'error';
    case 'Warning': return 'warning';
    case 'Suggestion': return 'information';
    default: return 'hint';
  }
}
