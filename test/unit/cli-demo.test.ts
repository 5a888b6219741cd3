// `sentinel-hunt demo` through the built CLI, scaled down: it ingests, runs every hunt, finds
// the injected incidents, writes the report and the .kql files, and never touches a folder it
// did not make.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/paths';

const cli = path.join(repoRoot, 'dist', 'cli.js');
const demo = (dir: string) => spawnSync(process.execPath, [cli, 'demo', '--dir', dir, '--days', '10', '--rows', '60000'], { encoding: 'utf8' });

test('the demo finds every injected incident and writes its report and hunts', () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'sh-demo-')), 'demo');
  const run = demo(dir);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /rows written/);
  assert.match(run.stdout, /found: exfiltration by \S+@(contoso|fabrikam)\.com .* flagged by exfil-rate-per-sender/);
  assert.match(run.stdout, /found: mail from lookalike sender/);
  assert.doesNotMatch(run.stdout, /MISSED|could not run/);
  const report = readFileSync(path.join(dir, 'report.html'), 'utf8');
  assert.match(report, /^<!DOCTYPE html>/i);
  assert.match(report, /exfil-rate-per-sender/);
  assert.doesNotMatch(report, /<script[^>]+src=/i, 'the report loads nothing from elsewhere');
  assert.ok(readdirSync(path.join(dir, 'hunts')).includes('impersonation.kql'));
  assert.deepEqual(JSON.parse(readFileSync(path.join(dir, '.vscode', 'settings.json'), 'utf8'))['sentinelHunt.tenantDomains'], ['contoso.com', 'fabrikam.com']);
  // A second run replaces its own folder.
  const again = demo(dir);
  assert.equal(again.status, 0, again.stderr);
});

test('the demo refuses a folder it did not make', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sh-demo-mine-'));
  mkdirSync(path.join(dir, 'notes'));
  writeFileSync(path.join(dir, 'notes', 'keep.txt'), 'mine');
  const run = demo(dir);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /was not made by the demo; choose another --dir/);
  assert.ok(existsSync(path.join(dir, 'notes', 'keep.txt')));
});
