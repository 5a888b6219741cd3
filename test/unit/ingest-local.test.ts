// The incremental pipeline into the local workspace, with the real synthetic source: runs at
// several moments while rows arrive late and change status, crashes at every commit step, and
// cancels; the table must end up holding each row the source ever showed exactly once.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { COMMIT_STEPS, LocalWorkspace } from '../../src/store';
import { LocalSink, runIngestion, type IngestSummary } from '../../src/ingest';
import { traceKey } from '../../src/trace/record';
import { SyntheticTraceSource } from '../../src/trace/synthetic';

const HOUR = 3_600_000;
const END = Date.parse('2026-01-10T00:00:00Z');
const source = new SyntheticTraceSource({
  domains: ['contoso.com', 'fabrikam.com'],
  days: 4,
  end: new Date(END),
  rows: 6000,
  mailboxes: 400,
  seed: 7,
  scenarios: ['late-arrivals', 'status-changes', 'exfiltration'],
});
const START = source.period.start.getTime();

const tempWorkspace = () => path.join(mkdtempSync(path.join(tmpdir(), 'sh-ingest-')), 'ws');

/** Every row key the source shows when read at `asOf`. */
async function visibleKeys(asOf: number): Promise<Set<string>> {
  const keys = new Set<string>();
  for await (const page of source.withAsOf(new Date(asOf)).read({ start: new Date(START), end: new Date(asOf) })) {
    for (const record of page) keys.add(traceKey(record));
  }
  return keys;
}

/** The keys of the rows in the workspace's MessageTrace_CL, with how often each occurs. */
async function storedKeys(dir: string): Promise<Map<string, number>> {
  const workspace = await LocalWorkspace.open(dir);
  const table = await workspace.read('MessageTrace_CL', { columns: ['MessageTraceId', 'RecipientAddress', 'Status'] });
  const [ids, recipients, statuses] = table.columns;
  const counts = new Map<string, number>();
  for (let i = 0; i < table.rowCount; i++) {
    const key = traceKey({ messageTraceId: String(ids.get(i)), recipientAddress: String(recipients.get(i)), status: String(statuses.get(i)) });
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function ingestAt(dir: string, asOf: number, options: { first?: boolean; sink?: LocalSink; batchRows?: number; signal?: AbortSignal } = {}) {
  return (async (): Promise<IngestSummary> => runIngestion({
    source: source.withAsOf(new Date(asOf)),
    sink: options.sink ?? await LocalSink.open(dir),
    profile: 'dcr',
    now: new Date(asOf),
    since: options.first ? new Date(START) : undefined,
    overlapMs: 48 * HOUR,
    batchRows: options.batchRows ?? 700,
    signal: options.signal,
  }))();
}

async function assertExactlyOnce(dir: string, runTimes: number[]): Promise<void> {
  const expected = new Set<string>();
  for (const at of runTimes) for (const key of await visibleKeys(at)) expected.add(key);
  const stored = await storedKeys(dir);
  const duplicated = [...stored].filter(([, n]) => n > 1).map(([key]) => key);
  assert.deepEqual(duplicated, [], 'no row is stored twice');
  const missing = [...expected].filter((key) => !stored.has(key));
  assert.deepEqual(missing.slice(0, 5), [], `no row is lost (${missing.length} missing)`);
  assert.equal(stored.size, expected.size, 'nothing is stored that the source never showed');
}

test('runs at several moments: late rows and status changes are picked up, nothing twice', async () => {
  const dir = tempWorkspace();
  const times = [START + 30 * HOUR, START + 55 * HOUR, START + 61.5 * HOUR, END + 20 * HOUR];
  const first = await ingestAt(dir, times[0], { first: true });
  assert.equal(first.written, (await visibleKeys(times[0])).size);
  assert.equal(first.duplicates, 0);
  let checkpoint = first.checkpoint!;
  for (const at of times.slice(1)) {
    const summary = await ingestAt(dir, at);
    assert.equal(summary.range.start.getTime(), Date.parse(checkpoint) - 48 * HOUR, 'each run starts at the checkpoint minus the overlap');
    assert.equal(summary.checkpoint, new Date(at).toISOString());
    assert.ok(summary.duplicates > 0, 'the overlap re-reads rows that are skipped');
    checkpoint = summary.checkpoint!;
  }
  await assertExactlyOnce(dir, times);
  // A run with nothing new writes nothing.
  const again = await ingestAt(dir, times[times.length - 1]);
  assert.equal(again.written, 0);
  assert.equal(again.duplicates, again.read);
});

test('a crash at any step of any commit resumes with nothing lost and nothing duplicated', async () => {
  const at = START + 50 * HOUR;
  for (const crashStep of COMMIT_STEPS) {
    const dir = tempWorkspace();
    let commits = 0;
    const crashing = await LocalSink.open(dir, {
      onCommitStep: (step) => {
        if (step === crashStep && ++commits === 3) throw new Error(`simulated crash at ${step}`);
      },
    });
    await assert.rejects(ingestAt(dir, at, { first: true, sink: crashing }), /simulated crash/);
    const resumed = await ingestAt(dir, at, { first: true });
    assert.ok(resumed.written > 0);
    await assertExactlyOnce(dir, [at]);
  }
});

test('cancel stops between batches; the next run resumes', async () => {
  const dir = tempWorkspace();
  const at = START + 70 * HOUR;
  const controller = new AbortController();
  let batches = 0;
  const sink = await LocalSink.open(dir, {
    onCommitStep: (step) => {
      if (step === 'committed' && ++batches === 2) controller.abort(new Error('cancelled by the user'));
    },
  });
  await assert.rejects(ingestAt(dir, at, { first: true, sink, signal: controller.signal }), /cancelled by the user/);
  assert.ok((await storedKeys(dir)).size > 0, 'batches before the cancel stay');
  await ingestAt(dir, at, { first: true });
  await assertExactlyOnce(dir, [at]);
});

test('property: any schedule of runs, batch sizes and crashes stores each row exactly once', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.uniqueArray(fc.integer({ min: 2, max: 100 }), { minLength: 1, maxLength: 4 }),
      fc.integer({ min: 200, max: 4000 }),
      fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 3 }),
      async (hours, batchRows, crashAfter) => {
        const times = [...hours].sort((a, b) => a - b).map((h) => START + h * HOUR);
        const dir = tempWorkspace();
        let first = true;
        for (const [i, at] of times.entries()) {
          const crashAt = crashAfter[i];
          if (crashAt !== undefined) {
            let commits = 0;
            const sink = await LocalSink.open(dir, {
              onCommitStep: (step) => {
                if (step === 'manifest-written' && ++commits === crashAt) throw new Error('simulated crash');
              },
            });
            const crashed = await ingestAt(dir, at, { first, sink, batchRows }).then(() => false, () => true);
            if (!crashed) { first = false; continue; }
          }
          await ingestAt(dir, at, { first, batchRows });
          first = false;
        }
        await assertExactlyOnce(dir, times);
      },
    ),
    { numRuns: 12, seed: 20261127 },
  );
});
