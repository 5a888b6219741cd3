// `sentinel-hunt import` through the built CLI: files into a local workspace, nothing written on bad input.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/paths';

const cli = path.join(repoRoot, 'dist', 'cli.js');
const work = mkdtempSync(path.join(tmpdir(), 'sh-import-'));
const workspace = path.join(work, 'ws');

function run(args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: work, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, text: string): string {
  writeFileSync(path.join(work, name), text);
  return name;
}

test('CSV and NDJSON files append to one table, types inferred or given', () => {
  const csv = file('a.csv', 'Received,Sender,Size,Id\n2024-05-01T00:00:00Z,a@contoso.com,10,007\n2024-05-02T00:00:00Z,"b@contoso.com",20,008\n');
  const first = run(['import', '--workspace', workspace, '--table', 'Mail', '--type', 'Id=string', csv]);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(first.stdout, 'imported 2 rows from 1 file(s) into Mail (2 rows in all)\n');
  const ndjson = file('b.ndjson', '{"Received":"2024-05-03T00:00:00Z","Sender":"c@fabrikam.com","Size":5,"Id":"009"}\n');
  assert.equal(run(['import', '--workspace', workspace, '--table', 'Mail', '--type', 'Id=string', ndjson]).code, 0);
  const result = run(['query', '--workspace', workspace, '--format', 'json', 'Mail | summarize n = count(), bytes = sum(Size), latest = max(Received), ids = make_list(Id)']);
  assert.deepEqual(JSON.parse(result.stdout), {
    columns: [{ name: 'n', type: 'long' }, { name: 'bytes', type: 'long' }, { name: 'latest', type: 'datetime' }, { name: 'ids', type: 'dynamic' }],
    rows: [[3, 35, '2024-05-03T00:00:00Z', ['007', '008', '009']]],
    visualization: null,
  });
});

test('a malformed file is reported with line and column, and nothing is written', () => {
  const before = run(['query', '--workspace', workspace, 'Mail | count']).stdout;
  const good = file('good.csv', 'Received,Sender,Size,Id\n2024-05-04T00:00:00Z,d@contoso.com,1,010\n');
  const bad = file('bad.csv', 'Received,Sender,Size,Id\n2024-05-05T00:00:00Z,"e@contoso.com,1,011\n');
  const result = run(['import', '--workspace', workspace, '--table', 'Mail', '--type', 'Id=string', good, bad]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /^sentinel-hunt: bad\.csv:2:22: unterminated quoted field/);
  assert.equal(run(['query', '--workspace', workspace, 'Mail | count']).stdout, before);
});

test('a column of another type is refused, naming the column and both types', () => {
  const other = file('other.csv', 'Received,Sender,Size,Id\nyesterday,x@contoso.com,1,012\n');
  const result = run(['import', '--workspace', workspace, '--table', 'Mail', '--type', 'Id=string', other]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /Received/);
  assert.match(result.stderr, /datetime/);
});
