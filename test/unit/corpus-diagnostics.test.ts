// Every correct query of the Sentinel corpus analyses without an error. The queries that do
// get errors are exactly the 14 with syntax errors in the source and 3 with genuine semantic
// mistakes (each named below with its reason).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { KqlLanguageService, builtinSchema } from '../../src/kql';
import { corpusFile } from '../support/paths';

const KNOWN_SEMANTIC_MISTAKES: Record<string, string> = {
  'Hunting Queries/SigninLogs/UserAccounts-BlockedAccounts.yaml': 'ago() of a datetime',
  'Hunting Queries/SigninLogs/UserAccounts-NewSingleFactorAuth.yaml': 'ago() of a datetime',
  'Solutions/DEV-0537DetectionandHunting/Hunting Queries/Empty.yaml': 'the query is the word "test"',
};

test('corpus: 14 queries with syntax errors, and no error on any correct query', () => {
  const service = new KqlLanguageService(builtinSchema());
  const queries = readFileSync(corpusFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { path: string; query: string });
  assert.equal(queries.length, 2262);
  const syntaxErrors: string[] = [];
  const otherErrors: string[] = [];
  for (const { path, query } of queries) {
    // A corpus entry is one query: analyse it whole, as Sentinel does.
    const block = { start: 0, end: query.length, text: query };
    const hasSyntaxError = service.analysis(block).syntaxErrorCount() > 0;
    const errors = service.blockDiagnostics(block).filter((d) => d.severity === 'error');
    if (hasSyntaxError) syntaxErrors.push(path);
    else if (errors.length > 0) otherErrors.push(`${path}: ${errors[0].code} ${errors[0].message}`);
  }
  assert.equal(syntaxErrors.length, 14, syntaxErrors.join('\n'));
  assert.deepEqual(otherErrors.map((line) => line.split(': ')[0]).sort(), Object.keys(KNOWN_SEMANTIC_MISTAKES).sort(), otherErrors.join('\n'));
});
