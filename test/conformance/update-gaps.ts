// `npm run conformance:gaps`: rewrites known-gaps.json with every case that fails now and why.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCases, runCase } from './cases';

/** Cases where the kusto-loco expectation is not what Microsoft's documentation says Kusto does. */
const KUSTO_DIFFERS: Record<string, string> = {
  'SimpleFunctionTests.Has': 'Kusto docs: has matches whole terms; "AAA" has "aA" is false (kusto-loco matches substrings)',
  'SimpleFunctionTests.HasAny': 'Kusto docs: has_any matches whole terms (kusto-loco matches substrings)',
  'SimpleFunctionTests.HasAll': 'Kusto docs: has_all matches whole terms (kusto-loco matches substrings)',
  'ModuloTests.ModuloNegativeInt': 'Kusto docs (numerical operators): the modulo is never negative (-14 % 12 = 10)',
  'EndToEndTests.BinOp_Modulo1': 'Kusto docs (numerical operators): the modulo is never negative',
  'SimpleFunctionTests.SplitWithRequestedIndex': 'Kusto docs: split(s, d, i) returns a one-element array ["bbb"]',
  'EndToEndTests.BuiltIns_substring_Scalar': 'Kusto docs: a negative start counts from the end (substring("abc", -1, 20) is "c")',
  'EndToEndTests.Window_RowCumSum_TwoChunks': 'Kusto docs (window functions): union does not keep a serialized row set, so row_cumsum() is refused there',
};

async function main(): Promise<void> {
  const gaps: Record<string, string> = {};
  const cases = loadCases();
  for (const c of cases) {
    const failure = await runCase(c);
    if (failure) gaps[c.id] = KUSTO_DIFFERS[c.id] ?? (failure.length > 300 ? `${failure.slice(0, 297)}...` : failure);
  }
  const file = path.join(__dirname, '..', '..', '..', 'test', 'conformance', 'known-gaps.json');
  writeFileSync(file, `${JSON.stringify(gaps, null, 1)}\n`);
  const passed = cases.length - Object.keys(gaps).length;
  console.log(`conformance: ${passed}/${cases.length} pass (${((100 * passed) / cases.length).toFixed(1)}%); ${Object.keys(gaps).length} gaps written to ${path.relative(process.cwd(), file)}`);
}

void main();
