// The engine's front end: Kusto.Language parses and binds the query against the workspace's
// tables, then the analysed tree is lowered once into the plain IR.
import { buildGlobals } from '../../kql/globals';
import { kustoLanguage, toArray } from '../../kql/kusto';
import type { WorkspaceSchema } from '../../kql/schema';
import { KqlError } from '../errors';
import type { QueryPlan } from '../ir/plan';
import { QueryLowering } from './query';
import { lineColumn, type Node } from './syntax';

export function compile(query: string, schema: WorkspaceSchema): QueryPlan {
  const L = kustoLanguage();
  const code = L.KustoCode.ParseAndAnalyze(query, buildGlobals({ ...schema, complete: true }))!;
  const errors = toArray(code.GetDiagnostics()).filter((d) => d.Severity === 'Error');
  if (errors.length > 0) {
    throw new KqlError(errors.map((d) => ({ ...lineColumn(query, d.Start), message: d.Message ?? 'error' })));
  }
  return new QueryLowering(code.Globals!).lower(code.Syntax as Node);
}
