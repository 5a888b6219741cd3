// `sentinel-hunt lookalikes`, called in-process with a captured io.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runLookalikes } from '../../src/cli/commands/lookalikes';
import { UsageError } from '../../src/cli/usage-error';
import { sharedDir } from '../support/paths';

const referenceDir = path.join(sharedDir, 'dnstwist');
const work = mkdtempSync(path.join(tmpdir(), 'sh-lookalikes-'));

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runLookalikes(argv, { out: (text) => { stdout += text; }, err: (text) => { stderr += text; } });
  return { code, stdout, stderr };
}

const reference = (file: string): unknown => JSON.parse(readFileSync(path.join(referenceDir, file), 'utf8'));

test('JSON by default: exactly dnstwist\'s reference output for contoso.com', async () => {
  const result = await run('contoso.com');
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stderr, '');
  assert.deepEqual(JSON.parse(result.stdout), reference('contoso.com.json'));
});

test('--dictionary and --tld: exactly the reference output with the two lists', async () => {
  const inputs = path.join(referenceDir, 'inputs');
  const result = await run('--dictionary', path.join(inputs, 'dictionary.txt'), 'contoso.com', '--tld', path.join(inputs, 'tld.txt'), '--format', 'json');
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), reference('contoso.com+dictionary+tld.json'));
});

test('--format csv: a watchlist header and one line per domain', async () => {
  const result = await run('bücher.de', '--format', 'csv');
  assert.equal(result.code, 0, result.stderr);
  const lines = result.stdout.trimEnd().split('\r\n');
  assert.equal(lines[0], 'Domain,Fuzzer,Original,UnicodeDomain');
  assert.equal(lines[1], 'xn--bcher-kva.de,*original,xn--bcher-kva.de,bücher.de');
  assert.equal(lines.length, 429);
});

test('--format kql: a datatable with the three columns', async () => {
  const result = await run('contoso.com', '--format', 'kql', '--fuzzers', '*original,omission');
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, [
    'datatable(Domain:string, Fuzzer:string, Original:string)[',
    '    "contoso.com", "*original", "contoso.com",',
    ...['cntoso', 'conoso', 'contoo', 'contos', 'contso', 'cotoso', 'ontoso'].map((d, i, all) => `    "${d}.com", "omission", "contoso.com"${i < all.length - 1 ? ',' : ''}`),
    ']',
    '',
  ].join('\n'));
});

test('several domains make one list; --fuzzers and --suffix-rule select', async () => {
  const result = await run('contoso.com', 'fabrikam.com', '--fuzzers', '*original,various');
  assert.deepEqual(JSON.parse(result.stdout), [
    { fuzzer: '*original', domain: 'contoso.com' },
    { fuzzer: '*original', domain: 'fabrikam.com' },
    { fuzzer: 'various', domain: 'contosocom.com' },
    { fuzzer: 'various', domain: 'fabrikamcom.com' },
  ]);
  const psl = JSON.parse((await run('example.ltd.uk', '--fuzzers', 'various')).stdout) as unknown;
  const own = JSON.parse((await run('example.ltd.uk', '--fuzzers', 'various', '--suffix-rule', 'dnstwist')).stdout) as unknown;
  assert.deepEqual(psl, [{ fuzzer: 'various', domain: 'example.uk' }, { fuzzer: 'various', domain: 'exampleltd.uk' }]);
  assert.notDeepEqual(own, psl);
});

test('an invalid domain: exit 2 and one clear line on stderr, nothing on stdout', async () => {
  const result = await run('contoso.com', 'conto_so.com');
  assert.equal(result.code, 2);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr, 'sentinel-hunt: invalid domain name "conto_so.com": character "_" is not allowed (letters, digits, hyphens and dots only)\n');
});

test('an unreadable or non-UTF-8 list: exit 2, naming the option and the file', async () => {
  const missing = path.join(work, 'missing.txt');
  const result = await run('contoso.com', '--dictionary', missing);
  assert.equal(result.code, 2);
  assert.equal(result.stderr, `sentinel-hunt: --dictionary ${missing}: cannot read it (ENOENT)\n`);
  const latin1 = path.join(work, 'latin1.txt');
  writeFileSync(latin1, Buffer.from([0x63, 0x6f, 0xe9, 0x0a]));
  const bad = await run('contoso.com', '--tld', latin1);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, `sentinel-hunt: --tld ${latin1}: not UTF-8 text\n`);
});

test('usage mistakes throw UsageError (or parseArgs\' own error)', async () => {
  await assert.rejects(run(), UsageError);
  await assert.rejects(run('contoso.com', '--format', 'xml'), /unknown --format xml/);
  await assert.rejects(run('contoso.com', '--fuzzers', 'omission,typo'), /--fuzzers omission,typo: expected a comma-separated list of \*original, addition/);
  await assert.rejects(run('contoso.com', '--fuzzers', 'omission', '--dictionary', 'words.txt'), /--dictionary needs the dictionary fuzzer/);
  await assert.rejects(run('contoso.com', '--fuzzers', 'omission', '--tld', 'tlds.txt'), /--tld needs the tld-swap fuzzer/);
  await assert.rejects(run('contoso.com', '--suffix-rule', 'guess'), UsageError);
  await assert.rejects(run('contoso.com', '--unknown'), { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' });
});
