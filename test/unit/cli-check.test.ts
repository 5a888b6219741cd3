// The `sentinel-hunt check` contract, run through the built CLI (npm run build first).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/paths';

const cli = path.join(repoRoot, 'dist', 'cli.js');
const work = mkdtempSync(path.join(tmpdir(), 'sh-check-'));

function check(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [cli, 'check', ...args], { cwd: work, input, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, text: string): string {
  writeFileSync(path.join(work, name), text);
  return name;
}

test('a clean file prints nothing and exits 0', () => {
  const result = check([file('ok.kql', 'EmailEvents_CL\n| summarize count() by SenderAddress_s\n| top 10 by count_\n')]);
  assert.deepEqual(result, { code: 0, stdout: '', stderr: '' });
});

test('errors print file:line:col: severity code: message and exit 1', () => {
  const name = file('bad.kql', 'EmailEvents_CL | take 1\n\nEmailEvents_CL\n| where Nope_s == 1\n');
  const result = check([name]);
  assert.equal(result.code, 1);
  assert.equal(result.stdout, "bad.kql:4:9: error KS142: The name 'Nope_s' does not refer to any known column, table, variable or function.\n");
});

test('tables without a schema are hints, shown only with --hints', () => {
  const name = file('hint.kql', 'SigninLogs | take 1\n');
  assert.deepEqual(check([name]), { code: 0, stdout: '', stderr: '' });
  const withHints = check(['--hints', name]);
  assert.equal(withHints.code, 0);
  assert.match(withHints.stdout, /^hint\.kql:1:1: hint KS204: The name 'SigninLogs'/);
});

test('--schema makes a table known; a complete schema makes unknown tables errors', () => {
  const schema = file('schema.json', JSON.stringify({ complete: true, tables: [{ name: 'SigninLogs', columns: [{ name: 'UserPrincipalName', type: 'string' }] }] }));
  assert.equal(check(['--schema', schema, file('s.kql', 'SigninLogs | project UserPrincipalName\n')]).code, 0);
  const unknown = check(['--schema', schema, file('u.kql', 'AuditLogs | take 1\n')]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stdout, /u\.kql:1:1: error KS204/);
});

test('--profile limits the built-in message trace tables', () => {
  const name = file('dcr.kql', 'MessageTrace_CL | project SenderDomain\n');
  assert.equal(check(['--profile', 'dcr', name]).code, 0);
  assert.match(check(['--profile', 'classic', '--hints', name]).stdout, /hint KS204: The name 'MessageTrace_CL'/);
});

test('standard input is read with -', () => {
  const result = check(['-'], 'print x = \n');
  assert.equal(result.code, 1);
  assert.match(result.stdout, /^<stdin>:1:/);
});

test('usage mistakes exit 2 with a message that names the problem', () => {
  assert.equal(check([]).code, 2);
  const missing = check(['no-such-file.kql']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read no-such-file\.kql: ENOENT/);
  const badProfile = check(['--profile', 'x', file('p.kql', 'print 1')]);
  assert.match(badProfile.stderr, /unknown --profile x; expected one of classic, dcr, mdo/);
  const badSchema = check(['--schema', file('bad.json', '{"tables":[{"name":"T"}]}'), file('q.kql', 'print 1')]);
  assert.equal(badSchema.code, 2);
  assert.match(badSchema.stderr, /bad\.json: tables\[0\]\.columns \(table T\): expected an array/);
});
