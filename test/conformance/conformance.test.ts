// The kusto-loco conformance cases, run against the embedded engine. Cases that do not pass
// yet are listed in known-gaps.json with the reason; the suite fails when any other case
// fails (a regression) and when a listed case starts passing (so the list stays true).
// Refresh the list after engine work with `npm run conformance:gaps`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadCases, runCase } from './cases';

const gapsFile = path.join(__dirname, '..', '..', '..', 'test', 'conformance', 'known-gaps.json');

test('kusto-loco conformance: no regressions against known-gaps.json', async () => {
  const gaps = JSON.parse(readFileSync(gapsFile, 'utf8')) as Record<string, string>;
  const cases = loadCases();
  const regressions: string[] = [];
  const fixed: string[] = [];
  let passed = 0;
  for (const c of cases) {
    const failure = await runCase(c);
    if (!failure) passed++;
    if (failure && !(c.id in gaps)) regressions.push(`${c.id}: ${failure}`);
    if (!failure && c.id in gaps) fixed.push(c.id);
  }
  console.log(`conformance: ${passed}/${cases.length} cases pass (${((100 * passed) / cases.length).toFixed(1)}%), ${Object.keys(gaps).length} known gaps`);
  assert.deepEqual(regressions, [], 'cases that fail but are not known gaps');
  assert.deepEqual(fixed, [], 'known gaps that now pass: run npm run conformance:gaps');
});
