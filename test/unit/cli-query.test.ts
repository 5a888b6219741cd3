// `sentinel-hunt query` through the built CLI over a real local workspace (Parquet + manifest).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import { columnFromValues } from '../../src/engine/data/builder';
import { Table } from '../../src/engine/data/table';
import { parseDatetime } from '../../src/engine/data/temporal';
import { LocalWorkspace } from '../../src/store';
import { repoRoot } from '../support/paths';

const cli = path.join(repoRoot, 'dist', 'cli.js');
const workspace = path.join(mkdtempSync(path.join(tmpdir(), 'sh-query-')), 'ws');

before(async () => {
  const ws = await LocalWorkspace.open(workspace, { create: true });
  const columns = [
    { name: 'Received', type: 'datetime' as const },
    { name: 'Sender', type: 'string' as const },
    { name: 'Size', type: 'long' as const },
    { name: 'Delay', type: 'timespan' as const },
  ];
  const data = new Table(columns.map((c) => c.name), [
    columnFromValues('datetime', [parseDatetime('2024-05-10T01:02:03.1234567Z'), parseDatetime('2024-05-09T00:00:00Z'), parseDatetime('2024-05-01T00:00:00Z')]),
    columnFromValues('string', ['a@contoso.com', 'b@contoso.com', 'a@contoso.com']),
    columnFromValues('long', [100, null, 300]),
    columnFromValues('timespan', [10_000_000, 36_000_000_000, null]),
  ]);
  await ws.commit({ create: [{ name: 'Mail', columns }], appends: [{ table: 'Mail', data }] });
});

function query(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [cli, 'query', '--workspace', workspace, ...args], { input, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('--format json is exactly one object with Kusto types and value forms', () => {
  const result = query(['--format', 'json', '--now', '2024-05-10T12:00:00Z', 'Mail | where Received > ago(2d) | order by Received asc']);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), {
    columns: [{ name: 'Received', type: 'datetime' }, { name: 'Sender', type: 'string' }, { name: 'Size', type: 'long' }, { name: 'Delay', type: 'timespan' }],
    rows: [['2024-05-09T00:00:00Z', 'b@contoso.com', null, '01:00:00'], ['2024-05-10T01:02:03.123456Z', 'a@contoso.com', 100, '00:00:01']],
    visualization: null,
  });
});

test('render is returned as the visualization; --timing prints one stderr line', () => {
  const result = query(['--format', 'json', '--timing', 'Mail | summarize n = count() by Sender | render piechart with (title="Senders")']);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout).visualization, { visualization: 'piechart', title: 'Senders' });
  assert.match(result.stderr, /^timing: load=\d+ms analyze=\d+ms execute=\d+ms\n$/);
});

test('csv and table formats; the query from standard input or a file', () => {
  const csv = query(['--format', 'csv', '-'], 'Mail | summarize Bytes = sum(Size) by Sender | order by Sender asc');
  assert.equal(csv.stdout, 'Sender,Bytes\r\na@contoso.com,400\r\nb@contoso.com,0\r\n');
  const table = query(['Mail | count']);
  assert.match(table.stdout, /^Count\n-----\n3\n\(1 rows\)\n$/);
});

test('KQL errors and unsupported constructs exit 2 with the contract messages', () => {
  const error = query(['Mail\n| where Nope > 1']);
  assert.equal(error.code, 2);
  assert.match(error.stderr, /^2:9: The name 'Nope' does not refer to any known column/);
  const unknownTable = query(['Nope | take 1']);
  assert.equal(unknownTable.code, 2);
  assert.match(unknownTable.stderr, /^1:1: The name 'Nope' does not refer to any known table/);
  const unsupported = query(['Mail | evaluate bag_unpack(Sender)']);
  assert.equal(unsupported.code, 2);
  assert.match(unsupported.stderr, /^not supported by the local engine: /);
  const badWorkspace = spawnSync(process.execPath, [cli, 'query', '--workspace', path.join(workspace, 'nope'), 'print 1'], { encoding: 'utf8' });
  assert.equal(badWorkspace.status, 2);
  assert.match(badWorkspace.stderr, /does not exist/);
});

test('without --workspace: the current folder when it is a workspace, else no tables', () => {
  const run = (cwd: string, args: string[]) => spawnSync(process.execPath, [cli, 'query', '--format', 'csv', ...args], { cwd, encoding: 'utf8' });
  const inWorkspace = run(workspace, ['Mail | count']);
  assert.equal(inWorkspace.status, 0, inWorkspace.stderr);
  assert.match(inWorkspace.stdout, /^Count\r?\n3/);
  const elsewhere = mkdtempSync(path.join(tmpdir(), 'sh-query-plain-'));
  const printed = run(elsewhere, ['print x = 1 + 1']);
  assert.equal(printed.status, 0, printed.stderr);
  assert.match(printed.stdout, /^x\r?\n2/);
  const unknown = run(elsewhere, ['Mail | count']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /^1:1: .*'Mail' does not refer to any known table/);
  const explicit = run(elsewhere, ['--workspace', elsewhere, 'print 1']);
  assert.equal(explicit.status, 2);
  assert.match(explicit.stderr, /is not a Sentinel Hunt workspace/);
});
