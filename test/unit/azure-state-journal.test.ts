// The Azure sink's state on disk: a snapshot plus a journal of steps, replayed on read. A torn
// last line is a crash mid-append and is ignored (and cut off before the next append); a journal
// left from an older snapshot is ignored; anything else unreadable is an error, never a guess.
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { StateFile } from '../../src/azure/state-file';
import { StateRecorder } from '../../src/azure/state-recorder';
import { KeySet } from '../../src/ingest/key-set';
import { StateError, type InFlightBatch, type IngestState } from '../../src/ingest/state';

const work = mkdtempSync(path.join(tmpdir(), 'sh-state-journal-'));
let files = 0;
const newFile = (): string => path.join(work, `state-${++files}.json`);

const T0 = Date.parse('2026-01-10T00:00:00Z');
const received = (i: number): string => new Date(T0 + i * 1000).toISOString();

function state(keys: [string, number][] = []): IngestState {
  return { version: 1, table: 'MessageTrace_CL', profile: 'dcr', checkpoint: '2026-01-09T00:00:00.000Z', keys: new KeySet(keys) };
}

/** A batch of `n` rows whose keys are k<from>... (16 characters, as rowKey makes them). */
function batch(from: number, n: number): InFlightBatch & { payload: Record<string, string>[] } {
  const ids = Array.from({ length: n }, (_, i) => from + i);
  return {
    keys: ids.map((i) => `k${String(i).padStart(15, '0')}`),
    rows: ids.map((i) => ({ messageTraceId: `id-${i}`, recipientAddress: `r${i}@contoso.com`, status: 'delivered', received: received(i) })),
    at: '2026-01-10T01:00:00.000Z',
    payload: ids.map((i) => ({ MessageTraceId: `id-${i}` })),
  };
}

const keysOf = (s: IngestState | undefined): string[] => [...(s?.keys ?? [])].map(([key]) => key).sort();
const seconds = (i: number): number => Math.floor((T0 + i * 1000) / 1000);

test('steps replay over the snapshot: sent puts a batch in flight, accepted moves its keys into the state', async () => {
  const file = new StateFile(newFile());
  assert.equal(await file.read(), undefined);
  assert.equal(file.ready, false);
  await assert.rejects(file.append({ sent: batch(0, 1) }), /no snapshot/);
  await file.write(state([['k-in-snapshot-01', seconds(0)]]));
  assert.equal(file.ready, true);

  const first = batch(1, 3);
  await file.append({ sent: first });
  let read = await new StateFile(file.file).read();
  assert.deepEqual(read?.inFlight, first, 'the batch is in flight, payload and all');
  assert.deepEqual(keysOf(read), ['k-in-snapshot-01']);

  await file.append({ accepted: 'all' });
  const second = batch(4, 3);
  await file.append({ sent: second }, Buffer.from(JSON.stringify(second.payload)));
  // A partial failure: one row accepted, the other two cut off mid-request stay in flight.
  const rest = { ...second, keys: second.keys.slice(1), rows: second.rows.slice(1), payload: second.payload.slice(1) };
  await file.append({ accepted: [second.keys[0]], sent: rest });
  read = await new StateFile(file.file).read();
  assert.deepEqual(read?.inFlight, rest);
  assert.deepEqual(keysOf(read), ['k-in-snapshot-01', ...first.keys, second.keys[0]].sort());
  assert.deepEqual([...read!.keys].find(([key]) => key === first.keys[2]), [first.keys[2], seconds(3)], 'with the row\'s received time');

  // Refused rows: accepted lists none of them, and nothing is in flight any more.
  await file.append({ accepted: [] });
  read = await new StateFile(file.file).read();
  assert.equal(read?.inFlight, undefined);
  assert.equal(read?.keys.size, 5);
  await file.release();
});

test('a new snapshot starts a new journal; a journal left from an older snapshot is ignored', async () => {
  const name = newFile();
  const file = new StateFile(name);
  await file.write(state());
  await file.append({ sent: batch(0, 2) });
  const stale = readFileSync(`${name}.journal`, 'utf8');

  await file.write(state([['k-newer-00000001', seconds(9)]]));
  assert.equal(readFileSync(`${name}.journal`, 'utf8'), '', 'the older snapshot\'s journal is emptied');
  // A crash between the new snapshot and that leaves the old journal beside the new snapshot.
  writeFileSync(`${name}.journal`, stale);
  const reader = new StateFile(name);
  const read = await reader.read();
  assert.equal(read?.inFlight, undefined, 'the older snapshot\'s steps do not apply');
  assert.deepEqual(keysOf(read), ['k-newer-00000001']);

  await reader.append({ sent: batch(5, 1) });
  assert.equal(readFileSync(`${name}.journal`, 'utf8').split('\n').length, 3, 'started over: its header and one step');
  assert.deepEqual((await new StateFile(name).read())?.inFlight?.keys, batch(5, 1).keys);
  await Promise.all([file.release(), reader.release()]);
});

test('a torn last line is ignored and cut off before the next append', async () => {
  for (const torn of ['{"accepted":"al', '{"accepted":"all"\u0000\u0000}\n']) {
    const name = newFile();
    const file = new StateFile(name);
    await file.write(state());
    await file.append({ sent: batch(0, 2) });
    const whole = readFileSync(`${name}.journal`);
    appendFileSync(`${name}.journal`, torn);

    const reader = new StateFile(name);
    const read = await reader.read();
    assert.deepEqual(read?.inFlight?.keys, batch(0, 2).keys, 'the step that did not land is not applied');
    assert.deepEqual(readFileSync(`${name}.journal`), whole, 'the torn line is cut off');
    await reader.append({ accepted: 'all' });
    const after = await new StateFile(name).read();
    assert.equal(after?.inFlight, undefined);
    assert.equal(after?.keys.size, 2);
    await Promise.all([file.release(), reader.release()]);
  }

  // Only part of the header landed: the journal holds nothing yet.
  const name = newFile();
  const file = new StateFile(name);
  await file.write(state([['k-only-000000001', seconds(1)]]));
  writeFileSync(`${name}.journal`, '{"snaps');
  const reader = new StateFile(name);
  assert.deepEqual(keysOf(await reader.read()), ['k-only-000000001']);
  await reader.append({ sent: batch(3, 1) });
  assert.deepEqual((await new StateFile(name).read())?.inFlight?.keys, batch(3, 1).keys);
  await Promise.all([file.release(), reader.release()]);
});

test('an unreadable line before the last, or a step that does not fit, is an error', async () => {
  const name = newFile();
  const file = new StateFile(name);
  await file.write(state());
  await file.append({ sent: batch(0, 1) });
  await file.append({ accepted: 'all' });
  await file.release();
  const lines = readFileSync(`${name}.journal`, 'utf8').split('\n');

  writeFileSync(`${name}.journal`, [lines[0], 'not json', lines[2], ''].join('\n'));
  await assert.rejects(new StateFile(name).read(), (error: Error) => error instanceof StateError && /line 2 of the journal is not valid/.test(error.message));
  // Accepted with nothing in flight.
  writeFileSync(`${name}.journal`, [lines[0], lines[2], lines[2], ''].join('\n'));
  await assert.rejects(new StateFile(name).read(), /line 2 of the journal is not valid/);
  writeFileSync(`${name}.journal`, ['{"other":1}', lines[1], ''].join('\n'));
  await assert.rejects(new StateFile(name).read(), /journal's first line is not valid/);
});

test('a snapshot written without a journal (an older version, with its batch in flight inside) still reads', async () => {
  const name = newFile();
  const inFlight = batch(0, 2);
  writeFileSync(name, `${JSON.stringify({ ...state([['k-old-0000000001', seconds(1)]]), inFlight })}\n`);
  writeFileSync(`${name}.journal`, '{"snapshot":"000000000000"}\n{"accepted":"all"}\n');
  const reader = new StateFile(name);
  const read = await reader.read();
  assert.deepEqual(read?.inFlight, inFlight, 'no journal belongs to it');
  assert.equal(reader.ready, false, 'steps need a snapshot of this version first');
  await reader.write(read!);
  assert.ok(reader.ready);
  assert.ok(existsSync(`${name}.journal`));
  assert.deepEqual((await new StateFile(name).read())?.inFlight, inFlight);
});

test('a state the snapshot and its journal already hold is not written again, unless the journal has grown long', async () => {
  const name = newFile();
  const recorder = new StateRecorder(new StateFile(name), 2000);
  const keys = new KeySet([['k-in-snapshot-01', seconds(0)]]);
  const saved = { ...state(), keys };
  await recorder.write(saved, new Set());
  const snapshot = readFileSync(name, 'utf8');
  const sent = batch(1, 2);
  for (const [i, key] of sent.keys.entries()) keys.add(key, seconds(1 + i));
  const none = new Set<string>();
  await recorder.record({ sent }, () => saved, none, Buffer.from(JSON.stringify(sent.payload)));
  await recorder.save(saved, none);
  assert.notEqual(readFileSync(name, 'utf8'), snapshot, 'keys not journaled as accepted yet: a new snapshot');

  const again = readFileSync(name, 'utf8');
  const more = batch(3, 2);
  for (const [i, key] of more.keys.entries()) keys.add(key, seconds(3 + i));
  await recorder.record({ sent: more }, () => saved, none, Buffer.from(JSON.stringify(more.payload)));
  await recorder.record({ accepted: 'all' }, () => saved, none);
  await recorder.save(saved, none);
  assert.equal(readFileSync(name, 'utf8'), again, 'only keys journaled since: the snapshot stays');
  assert.deepEqual(keysOf(await new StateFile(name).read()), keysOf(saved));

  const long = batch(5, 20);
  for (const [i, key] of long.keys.entries()) keys.add(key, seconds(5 + i));
  await recorder.record({ sent: long }, () => saved, none, Buffer.from(JSON.stringify(long.payload)));
  await recorder.record({ accepted: 'all' }, () => saved, none);
  assert.ok(statSync(`${name}.journal`).size > 2000);
  await recorder.save(saved, none);
  assert.notEqual(readFileSync(name, 'utf8'), again, 'the journal grew past its limit: folded into a new snapshot');
  assert.equal(statSync(`${name}.journal`).size, 0);
  assert.deepEqual(keysOf(await new StateFile(name).read()), keysOf(saved));
  await recorder.release();
});
