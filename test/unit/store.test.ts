// The local workspace (src/store): Parquet round trip of every Kusto type, files readable by
// an independent reader, crash safety of commits (a failure injected at every step, and a
// real kill -9), readers during appends, errors, and import of CSV / JSON / NDJSON / Parquet.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { columnFromValues } from '../../src/engine/data/builder';
import type { Value } from '../../src/engine/data/column';
import { Table } from '../../src/engine/data/table';
import type { KustoType } from '../../src/kql/schema';
import {
  COMMIT_STEPS, KUSTO_COLUMNS_KEY, LOCK_FILE, LocalWorkspace, MANIFEST_FILE, StoreError,
  importBytes, importFile, type CommitStep, type Manifest,
} from '../../src/store';

const temps: string[] = [];
after(async () => {
  for (const dir of temps) await fs.rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sh-store-'));
  temps.push(dir);
  return dir;
}

function makeTable(spec: [string, KustoType, Value[]][]): Table {
  return new Table(spec.map(([name]) => name), spec.map(([, type, values]) => columnFromValues(type, values)));
}

async function readManifest(dir: string): Promise<Manifest> {
  return JSON.parse(await fs.readFile(path.join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
}

function exact(buffer: Buffer): ArrayBuffer {
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
}

/** Every file under dir, relative, with forward slashes. */
async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const entry of await fs.readdir(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else out.push(child);
    }
  };
  await walk('');
  return out.sort();
}

const DT = 1_714_567_890_123_456; // 2024-05-01T12:51:30.123456Z
const ALL_TYPES: [string, KustoType, Value[]][] = [
  ['Flag', 'bool', [true, false, null, true]],
  ['Count', 'int', [0, -2147483648, null, 2147483647]],
  ['Size', 'long', [9007199254740991, -9007199254740991, null, 0]],
  ['Score', 'real', [0.1, 1e308, null, NaN]],
  ['Price', 'decimal', [12.5, -0.25, null, 1e-9]],
  ['Received', 'datetime', [DT, -1, null, 4_102_444_800_000_001]],
  ['Latency', 'timespan', [1, -36_000_000_000, null, 8_640_000_000_000_000]],
  ['Subject', 'string', ['héllo wörld', '日本語の件名 😀', '', 'a\u200Bb\u202Eקשר\n"quoted",comma']],
  ['TraceId', 'guid', ['0b9c1a3e-1111-2222-3333-444455556666', 'ffffffff-ffff-ffff-ffff-ffffffffffff', null, '0b9c1a3e-1111-2222-3333-444455556666']],
  ['Props', 'dynamic', [{ a: [1, { b: null }], 'ключ': 'значение' }, [1, 'x', true], null, 'just a string']],
];

test('every Kusto type round-trips through Parquet, nulls, unicode and sub-millisecond datetimes included', async () => {
  const dir = await tempDir();
  const ws = await LocalWorkspace.open(dir, { create: true });
  const data = makeTable(ALL_TYPES);
  await ws.createTable('Everything', data.schema);
  await ws.commit({ appends: [{ table: 'Everything', data }] });
  await ws.commit({ appends: [{ table: 'Everything', data }] }); // two parts, one dictionary per string column

  const reopened = await LocalWorkspace.open(dir);
  const back = await reopened.read('Everything');
  assert.deepEqual(back.schema, data.schema);
  assert.deepEqual(back.rows(), [...data.rows(), ...data.rows()]);
  assert.equal(reopened.table('Everything').parts, 2);
  assert.equal(reopened.table('Everything').rowCount, 8);

  // The engine's layouts: Float64Array + validity, dictionary codes, guid null = -1.
  const received = back.column('Received')!;
  assert.ok('data' in received && received.data instanceof Float64Array);
  assert.equal(received.get(0), DT);
  const subject = back.column('Subject')!;
  assert.ok('codes' in subject && subject.codes instanceof Int32Array);
  assert.equal(new Set(subject.dictionary).size, 4);
  const guid = back.column('TraceId')!;
  assert.ok('codes' in guid);
  assert.equal(guid.codes[2], -1);
  assert.equal(back.column('Flag')!.get(2), null);

  // Projection reads only the columns asked for.
  const some = await reopened.read('Everything', { columns: ['Latency', 'Subject'] });
  assert.deepEqual(some.names, ['Latency', 'Subject']);
  assert.deepEqual(some.column('Latency')!.get(3), 8_640_000_000_000_000);
});

test('the part files are plain Parquet that an independent reader decodes with the right logical types', async () => {
  const dir = await tempDir();
  const ws = await LocalWorkspace.open(dir, { create: true });
  const data = makeTable(ALL_TYPES);
  await ws.commit({ create: [{ name: 'Everything', columns: data.schema }], appends: [{ table: 'Everything', data }] });

  const manifest = await readManifest(dir);
  assert.equal(manifest.tables[0].parts.length, 1);
  const file = path.join(dir, manifest.tables[0].parts[0].file);
  assert.match(manifest.tables[0].parts[0].file, /^tables\/Everything\/part-.*\.parquet$/);
  const bytes = exact(await fs.readFile(file));

  const metadata = parquetMetadata(bytes);
  const element = (name: string) => metadata.schema.find((e) => e.name === name)!;
  assert.equal(element('Flag').type, 'BOOLEAN');
  assert.equal(element('Count').type, 'INT32');
  assert.equal(element('Size').type, 'INT64');
  assert.equal(element('Score').type, 'DOUBLE');
  assert.equal(element('Price').type, 'DOUBLE');
  assert.equal(element('Received').type, 'INT64');
  assert.deepEqual(element('Received').logical_type, { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' });
  assert.equal(element('Latency').type, 'INT64');
  assert.equal(element('Latency').logical_type, undefined);
  for (const name of ['Subject', 'TraceId', 'Props']) {
    assert.equal(element(name).type, 'BYTE_ARRAY');
    assert.deepEqual(element(name).logical_type, { type: 'STRING' });
  }
  const recorded = metadata.key_value_metadata?.find((kv) => kv.key === KUSTO_COLUMNS_KEY);
  assert.deepEqual(JSON.parse(recorded!.value!), data.schema);

  const rows = await parquetReadObjects({ file: bytes });
  assert.equal(rows.length, 4);
  assert.deepEqual(rows[0], {
    Flag: true, Count: 0, Size: 9007199254740991n, Score: 0.1, Price: 12.5,
    Received: new Date('2024-05-01T12:51:30.123Z'), Latency: 1n, Subject: 'héllo wörld',
    TraceId: '0b9c1a3e-1111-2222-3333-444455556666', Props: JSON.stringify({ a: [1, { b: null }], 'ключ': 'значение' }),
  });
  assert.deepEqual(rows[2], {
    Flag: null, Count: null, Size: null, Score: null, Price: null, Received: null, Latency: null,
    Subject: '', TraceId: null, Props: null,
  });
  assert.equal(rows[1].Subject, '日本語の件名 😀');
  assert.equal(rows[1].Latency, -36_000_000_000n);
  assert.equal(rows[3].Subject, 'a\u200Bb\u202Eקשר\n"quoted",comma');
  // The microseconds are all there for a reader that asks for them.
  const micros = await parquetReadObjects({ file: bytes, columns: ['Received'], parsers: { timestampFromMicroseconds: (v: bigint) => v } });
  assert.deepEqual(micros.map((r) => r.Received), [BigInt(DT), -1n, null, 4_102_444_800_000_001n]);

  // The manifest lists Kusto types and annotates the Parquet layout.
  const columns = manifest.tables[0].columns;
  assert.deepEqual(columns.map((c) => [c.name, c.type]), data.schema.map((f) => [f.name, f.type]));
  assert.equal(columns.find((c) => c.name === 'Latency')!.parquet, 'INT64');
  assert.match(columns.find((c) => c.name === 'Latency')!.note!, /100-nanosecond ticks/);
  assert.match(columns.find((c) => c.name === 'Props')!.note!, /JSON/);
  assert.match(columns.find((c) => c.name === 'Received')!.parquet, /TIMESTAMP\(MICROS, isAdjustedToUTC=true\)/);
  assert.deepEqual(ws.schema(), {
    tables: [{ name: 'Everything', columns: data.schema }],
    functions: [],
    complete: true,
  });
});

// ---------------------------------------------------------------------------------------------
// Crash safety

function batch(from: number, count: number): Table {
  const ids: Value[] = [];
  const when: Value[] = [];
  const who: Value[] = [];
  for (let i = from; i < from + count; i++) {
    ids.push(i);
    when.push(DT + i);
    who.push(`user${i % 7}@contoso.com`);
  }
  return makeTable([['Id', 'long', ids], ['Received', 'datetime', when], ['Sender', 'string', who]]);
}
const BATCH_COLUMNS = batch(0, 0).schema;

async function snapshot(ws: LocalWorkspace): Promise<unknown> {
  const tables: Record<string, Value[][]> = {};
  for (const info of ws.tables()) tables[info.name] = (await ws.read(info.name)).rows();
  return { tables, state: ws.state() };
}

/** A workspace with two tables and a checkpoint, and the change the crash tests apply to it. */
async function crashFixture(dir: string): Promise<void> {
  const ws = await LocalWorkspace.open(dir, { create: true });
  await ws.commit({
    create: [{ name: 'Mail', columns: BATCH_COLUMNS }, { name: 'Hosts', columns: BATCH_COLUMNS }],
    appends: [{ table: 'Mail', data: batch(0, 10) }, { table: 'Hosts', data: batch(100, 3) }],
    state: { checkpoint: '2024-05-01T00:00:00Z', keys: ['a'] },
  });
}

const crashChange = {
  create: [{ name: 'New', columns: BATCH_COLUMNS }],
  appends: [{ table: 'Mail', data: batch(10, 5) }, { table: 'Hosts', data: batch(103, 2) }, { table: 'New', data: batch(500, 1) }],
  state: { checkpoint: '2024-05-02T00:00:00Z', keys: ['a', 'b'] },
};

class SimulatedCrash extends Error {}

test('a crash at any step of a commit leaves the workspace exactly as before or exactly as after', async () => {
  // Record the steps of an uninterrupted commit, and the states before and after.
  const reference = await tempDir();
  await crashFixture(reference);
  const steps: CommitStep[] = [];
  const before = await snapshot(await LocalWorkspace.open(reference));
  const recorder = await LocalWorkspace.open(reference, { onCommitStep: (step) => { steps.push(step); } });
  await recorder.commit(crashChange);
  const afterState = await snapshot(await LocalWorkspace.open(reference));
  assert.notDeepEqual(before, afterState);
  assert.deepEqual([...new Set(steps)], [...COMMIT_STEPS]);
  assert.equal(steps.filter((s) => s === 'part-written').length, 3);

  for (let crashAt = 0; crashAt < steps.length; crashAt++) {
    const dir = await tempDir();
    await crashFixture(dir);
    let seen = 0;
    const doomed = await LocalWorkspace.open(dir, {
      onCommitStep: () => { if (seen++ === crashAt) throw new SimulatedCrash(`crash at ${steps[crashAt]}`); },
    });
    await assert.rejects(doomed.commit(crashChange), SimulatedCrash);

    const label = `crash after step ${crashAt} (${steps[crashAt]})`;
    const published = crashAt >= steps.indexOf('manifest-renamed');
    const reopened = await LocalWorkspace.open(dir, { lockTimeoutMs: 2_000 });
    assert.deepEqual(await snapshot(reopened), published ? afterState : before, label);

    // Whatever the crash left (temp parts, renamed but unlisted parts, a temp manifest, the lock)
    // is ignored by readers; a stray of our own making is too.
    await fs.writeFile(path.join(dir, 'tables', 'Mail', 'part-999999-0-deadbeef.parquet'), 'not parquet');
    await fs.writeFile(path.join(dir, `${MANIFEST_FILE}.garbage.tmp`), '{"torn":');
    assert.deepEqual(await snapshot(await LocalWorkspace.open(dir)), published ? afterState : before, label);

    // The next commit takes over the dead lock and removes the strays.
    await reopened.commit({ appends: [{ table: 'Mail', data: batch(1000, 1) }] });
    const manifest = await readManifest(dir);
    const listed = manifest.tables.flatMap((t) => t.parts.map((p) => p.file)).sort();
    const onDisk = (await listFiles(dir)).filter((f) => f !== MANIFEST_FILE);
    assert.deepEqual(onDisk, listed, `${label}: only listed part files remain`);
    const mail = await (await LocalWorkspace.open(dir)).read('Mail');
    assert.equal(mail.rowCount, (published ? 15 : 10) + 1, label);
  }
});

test('a commit that fails on bad data or a schema mismatch writes nothing', async () => {
  const dir = await tempDir();
  await crashFixture(dir);
  const ws = await LocalWorkspace.open(dir);
  const files = await listFiles(dir);
  const manifestText = await fs.readFile(path.join(dir, MANIFEST_FILE), 'utf8');

  const wrongType = makeTable([['Id', 'real', [1.5]], ['Received', 'datetime', [DT]], ['Sender', 'string', ['x']]]);
  await assert.rejects(ws.commit({ appends: [{ table: 'Mail', data: batch(20, 2) }, { table: 'Mail', data: wrongType }], state: { x: 1 } }), {
    code: 'schema-mismatch',
    message: 'cannot append to table Mail: column Id is long in the table but real in the data',
  });
  const missing = makeTable([['Id', 'long', [1]], ['Received', 'datetime', [DT]]]);
  await assert.rejects(ws.commit({ appends: [{ table: 'Mail', data: missing }] }), { code: 'schema-mismatch', message: /the data has no column Sender \(string\)/ });
  const extra = makeTable([['Id', 'long', [1]], ['Received', 'datetime', [DT]], ['Sender', 'string', ['x']], ['Oops', 'bool', [true]]]);
  await assert.rejects(ws.commit({ appends: [{ table: 'Mail', data: extra }] }), { code: 'schema-mismatch', message: /the table has no column Oops/ });
  await assert.rejects(ws.commit({ appends: [{ table: 'Nope', data: batch(0, 1) }] }), {
    code: 'unknown-table',
    message: /unknown table 'Nope' in workspace .*; known tables: Mail, Hosts$/,
  });
  await assert.rejects(ws.read('mail'), { code: 'unknown-table', message: /did you mean 'Mail'\?/ });
  const badInt = makeTable([['N', 'int', [1]]]);
  (badInt.columns[0] as unknown as { data: Float64Array }).data[0] = 2 ** 40;
  await assert.rejects(ws.commit({ create: [{ name: 'Ints', columns: [{ name: 'N', type: 'int' }] }], appends: [{ table: 'Ints', data: badInt }] }), {
    code: 'invalid-data',
    message: /column N: row 0 holds 1099511627776, which is not a 32-bit integer/,
  });
  await assert.rejects(ws.commit({ state: { n: 1n } }), { code: 'invalid-state' });
  await assert.rejects(ws.createTable('Mail', [{ name: 'Other', type: 'string' }]), { code: 'table-exists' });
  await ws.createTable('Mail', BATCH_COLUMNS); // the same columns: nothing to do

  assert.deepEqual(await listFiles(dir), files);
  assert.equal(await fs.readFile(path.join(dir, MANIFEST_FILE), 'utf8'), manifestText);
  assert.deepEqual(ws.state(), { checkpoint: '2024-05-01T00:00:00Z', keys: ['a'] });
});

test('data and ingestion state change together in one commit', async () => {
  const dir = await tempDir();
  await crashFixture(dir);
  const ws = await LocalWorkspace.open(dir);
  await ws.commit({ appends: [{ table: 'Mail', data: batch(10, 2) }], state: { checkpoint: 'B', keys: ['x'] } });
  const other = await LocalWorkspace.open(dir);
  assert.deepEqual(other.state(), { checkpoint: 'B', keys: ['x'] });
  assert.equal(other.table('Mail').rowCount, 12);
  await ws.commit({ appends: [{ table: 'Hosts', data: batch(0, 1) }] }); // no state: unchanged
  assert.deepEqual((await LocalWorkspace.open(dir)).state(), { checkpoint: 'B', keys: ['x'] });
  const copy = ws.state() as { keys: string[] };
  copy.keys.push('mutated');
  assert.deepEqual(ws.state(), { checkpoint: 'B', keys: ['x'] });
});

// Child processes run the compiled store (out/src/store) directly.
const STORE = path.join(__dirname, '../../src/store/index.js');
const BUILDER = path.join(__dirname, '../../src/engine/data/builder.js');
const TABLE = path.join(__dirname, '../../src/engine/data/table.js');

const CHILD_PRELUDE = `
const { LocalWorkspace } = require(${JSON.stringify(STORE)});
const { columnFromValues } = require(${JSON.stringify(BUILDER)});
const { Table } = require(${JSON.stringify(TABLE)});
function batch(from, count) {
  const ids = [], when = [], who = [];
  for (let i = from; i < from + count; i++) { ids.push(i); when.push(${DT} + i); who.push('user' + (i % 7) + '@contoso.com'); }
  return new Table(['Id', 'Received', 'Sender'], [columnFromValues('long', ids), columnFromValues('datetime', when), columnFromValues('string', who)]);
}
`;

function runChild(script: string, ...args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CHILD_PRELUDE + script, '--', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
}

test('a writer killed (SIGKILL) in the middle of a commit leaves the workspace as before, and its lock is taken over', { skip: process.platform === 'win32' }, async () => {
  const dir = await tempDir();
  await crashFixture(dir);
  const before = await snapshot(await LocalWorkspace.open(dir));
  const result = await runChild(`
    (async () => {
      const ws = await LocalWorkspace.open(process.argv[1], {
        onCommitStep: (step) => { if (step === 'manifest-written') process.kill(process.pid, 'SIGKILL'); },
      });
      await ws.commit({ appends: [{ table: 'Mail', data: batch(10, 1000) }], state: { checkpoint: 'never' } });
    })();
  `, dir);
  assert.equal(result.signal, 'SIGKILL', result.stderr);
  const files = await listFiles(dir);
  assert.ok(files.includes(LOCK_FILE), 'the dead writer left its lock');
  assert.ok(files.some((f) => f.endsWith('.tmp')), 'and its temporary manifest');

  const ws = await LocalWorkspace.open(dir, { lockTimeoutMs: 2_000 });
  assert.deepEqual(await snapshot(ws), before);
  await ws.commit({ appends: [{ table: 'Mail', data: batch(10, 1) }] });
  assert.equal((await ws.read('Mail')).rowCount, 11);
  assert.ok(!(await listFiles(dir)).some((f) => f === LOCK_FILE || f.endsWith('.tmp')));
});

test('readers during appends by another process see each commit whole', async () => {
  const dir = await tempDir();
  const ws = await LocalWorkspace.open(dir, { create: true });
  await ws.commit({ create: [{ name: 'Mail', columns: BATCH_COLUMNS }], state: { batches: 0 } });
  const BATCH = 2_000;
  const COMMITS = 15;
  const writer = runChild(`
    (async () => {
      const ws = await LocalWorkspace.open(process.argv[1]);
      for (let b = 0; b < ${COMMITS}; b++) {
        await ws.commit({ appends: [{ table: 'Mail', data: batch(b * ${BATCH}, ${BATCH}) }], state: { batches: b + 1 } });
      }
    })().catch((e) => { console.error(e); process.exit(1); });
  `, dir);
  let done = false;
  void writer.then(() => { done = true; });
  const seen = new Set<number>();
  while (!done || seen.size === 0) {
    const reader = await LocalWorkspace.open(dir);
    const table = await reader.read('Mail');
    const { batches } = reader.state() as { batches: number };
    assert.equal(table.rowCount, batches * BATCH, 'rows and state from the same commit');
    const ids = table.column('Id')!;
    for (let i = 0; i < table.rowCount; i += 997) assert.equal(ids.get(i), i);
    seen.add(batches);
    if (done) break;
  }
  const result = await writer;
  assert.equal(result.code, 0, result.stderr);
  const final = await LocalWorkspace.open(dir);
  assert.equal((await final.read('Mail')).rowCount, BATCH * COMMITS);
  assert.ok(seen.size >= 2, `readers saw ${[...seen].join(', ')}`);
});

test('commits from two workspace objects (and in-process readers) interleave without losing an append', async () => {
  const dir = await tempDir();
  await crashFixture(dir);
  const a = await LocalWorkspace.open(dir);
  const b = await LocalWorkspace.open(dir);
  const reader = await LocalWorkspace.open(dir);
  const writes: Promise<void>[] = [];
  for (let i = 0; i < 6; i++) {
    writes.push(a.commit({ appends: [{ table: 'Mail', data: batch(100 + i * 10, 10) }] }));
    writes.push(b.commit({ appends: [{ table: 'Hosts', data: batch(200 + i * 10, 10) }] }));
  }
  const reads: Promise<void>[] = [];
  for (let i = 0; i < 6; i++) {
    reads.push((async () => {
      const r = await LocalWorkspace.open(dir);
      const mail = await r.read('Mail');
      assert.equal((mail.rowCount - 10) % 10, 0);
    })());
  }
  await Promise.all([...writes, ...reads]);
  await reader.refresh();
  assert.equal(reader.table('Mail').rowCount, 70);
  assert.equal(reader.table('Hosts').rowCount, 63);
  assert.equal(reader.generation, 13);
});

test('compaction rewrites a table as one part with the same rows', async () => {
  const dir = await tempDir();
  await crashFixture(dir);
  const ws = await LocalWorkspace.open(dir);
  for (let i = 0; i < 4; i++) await ws.commit({ appends: [{ table: 'Mail', data: batch(10 + i * 5, 5) }] });
  const rows = (await ws.read('Mail')).rows();
  assert.equal(ws.table('Mail').parts, 5);
  const stale = await LocalWorkspace.open(dir); // holds the manifest of before the compaction
  await ws.compact('Mail');
  assert.equal(ws.table('Mail').parts, 1);
  assert.deepEqual((await ws.read('Mail')).rows(), rows);
  assert.deepEqual((await stale.read('Mail')).rows(), rows, 'a reader with an old manifest follows to the new one');
  const partFiles = (await listFiles(dir)).filter((f) => f.startsWith('tables/Mail/'));
  assert.equal(partFiles.length, 1);
});

test('errors name the file and the problem: corrupted manifest, not a workspace, damaged part', async () => {
  const dir = await tempDir();
  await assert.rejects(LocalWorkspace.open(dir), { code: 'not-a-workspace', message: /has no workspace\.json/ });
  await assert.rejects(LocalWorkspace.open(path.join(dir, 'missing')), { code: 'not-a-workspace', message: /does not exist/ });

  await crashFixture(dir);
  const file = path.join(dir, MANIFEST_FILE);
  const good = await fs.readFile(file, 'utf8');
  await fs.writeFile(file, good.replace('"generation": 1,', '"generation": 1\n'));
  await assert.rejects(LocalWorkspace.open(dir), (error: unknown) => {
    assert.ok(error instanceof StoreError);
    assert.equal(error.code, 'corrupt-manifest');
    assert.equal(error.file, file);
    assert.match(error.message, new RegExp(`^${escape(file)}:6:3: corrupted manifest: unexpected "\\\\"": expected ',' or '}'`));
    return true;
  });
  await fs.writeFile(file, good.replace('"type": "long"', '"type": "int64x"'));
  await assert.rejects(LocalWorkspace.open(dir), { code: 'corrupt-manifest', message: /tables\[0\]\.columns\[0\]\.type: "int64x" is not one of bool/ });
  await fs.writeFile(file, good.replace(/"file": "tables\/Mail\/[^"]+"/, '"file": "../../etc/passwd"'));
  await assert.rejects(LocalWorkspace.open(dir), { code: 'corrupt-manifest', message: /is not a relative path inside the workspace/ });

  await fs.writeFile(file, good);
  const ws = await LocalWorkspace.open(dir, { lockTimeoutMs: 150 });

  // A live writer's lock (here: our parent process's id) makes a commit wait, then give up, naming it.
  const lock = path.join(dir, LOCK_FILE);
  await fs.writeFile(lock, JSON.stringify({ pid: process.ppid, host: os.hostname(), token: 'other', since: '2024-05-01T00:00:00.000Z' }));
  await assert.rejects(ws.commit({ state: { x: 1 } }), {
    code: 'locked',
    message: `${lock}: the workspace is being written by process ${process.ppid} on ${os.hostname()} since 2024-05-01T00:00:00.000Z; if that process is gone, delete this file`,
  });
  await fs.rm(lock);

  const part = path.join(dir, (await readManifest(dir)).tables[0].parts[0].file);
  await fs.writeFile(part, 'garbage');
  await assert.rejects(ws.read('Mail'), { code: 'corrupt-part', message: new RegExp(`^${escape(part)}: not a readable Parquet file`) });
  await fs.rm(part);
  await assert.rejects(ws.read('Mail'), { code: 'corrupt-part', message: new RegExp(`^${escape(part)}: part file of table Mail listed in workspace.json is missing`) });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// Import

async function writeTemp(name: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(await tempDir(), name);
  await fs.writeFile(file, content);
  return file;
}

const CSV = [
  'Received,Sender,Size,Score,Delivered,Subject,Code,Mixed,Empty',
  '2024-05-01T10:00:00Z,a@contoso.com,1200,0.5,true,"Hello, world",007,1,',
  '2024-05-01T10:00:01.123456Z,b@contoso.com,,1e3,FALSE,"multi',
  'line ""quoted"" subject",042,x,',
  '2024-05-01 10:00:02,c@contoso.com,-5,2,true,plain,100,2.5,',
  '',
].join('\r\n');

test('CSV import: RFC 4180 quoting and embedded newlines, inferred types', async () => {
  const file = await writeTemp('trace.csv', CSV);
  const table = await importFile(file);
  assert.deepEqual(table.schema, [
    { name: 'Received', type: 'datetime' }, { name: 'Sender', type: 'string' }, { name: 'Size', type: 'long' },
    { name: 'Score', type: 'real' }, { name: 'Delivered', type: 'bool' }, { name: 'Subject', type: 'string' },
    { name: 'Code', type: 'string' }, { name: 'Mixed', type: 'string' }, { name: 'Empty', type: 'string' },
  ]);
  assert.deepEqual(table.rows(), [
    [1_714_557_600_000_000, 'a@contoso.com', 1200, 0.5, true, 'Hello, world', '007', '1', ''],
    [1_714_557_601_123_456, 'b@contoso.com', null, 1000, false, 'multi\r\nline "quoted" subject', '042', 'x', ''],
    [1_714_557_602_000_000, 'c@contoso.com', -5, 2, true, 'plain', '100', '2.5', ''],
  ]);
});

test('CSV import: given types, UTF-8 BOM and UTF-16 LE with BOM', async () => {
  const types = { Size: 'real', Code: 'long', Mixed: 'dynamic', Received: 'string' } as const;
  const utf8 = await importFile(await writeTemp('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)])), { types });
  assert.deepEqual(utf8.schema.map((f) => f.type), ['string', 'string', 'real', 'real', 'bool', 'string', 'long', 'dynamic', 'string']);
  assert.equal(utf8.names[0], 'Received', 'the BOM is not part of the first name');
  assert.deepEqual(utf8.rows()[0].slice(0, 3), ['2024-05-01T10:00:00Z', 'a@contoso.com', 1200]);
  assert.deepEqual(utf8.rows().map((r) => r[6]), [7, 42, 100]);
  assert.deepEqual(utf8.rows().map((r) => r[7]), [1, 'x', 2.5]);

  const text = 'Name,Städte\r\nÅsa,"Zürich, 東京 😀"\r\n';
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const table = await importFile(await writeTemp('utf16.csv', utf16));
  assert.deepEqual(table.names, ['Name', 'Städte']);
  assert.deepEqual(table.rows(), [['Åsa', 'Zürich, 東京 😀']]);
});

test('JSON and NDJSON import: inferred types, objects and arrays as dynamic, mixed kinds as string', async () => {
  const rows = [
    { Received: '2024-05-01T10:00:00Z', Size: 10, Ratio: 1, Ok: true, Props: { a: 1 }, Mixed: 1, Only: null },
    { Received: '2024-05-01T10:00:01.5Z', Size: 20, Ratio: 2.5, Ok: false, Props: [1, 2], Mixed: 'x', Late: 'here' },
  ];
  const expectedSchema = [
    { name: 'Received', type: 'datetime' }, { name: 'Size', type: 'long' }, { name: 'Ratio', type: 'real' },
    { name: 'Ok', type: 'bool' }, { name: 'Props', type: 'dynamic' }, { name: 'Mixed', type: 'string' },
    { name: 'Only', type: 'string' }, { name: 'Late', type: 'string' },
  ];
  const expectedRows = [
    [1_714_557_600_000_000, 10, 1, true, { a: 1 }, '1', '', ''],
    [1_714_557_601_500_000, 20, 2.5, false, [1, 2], 'x', '', 'here'],
  ];
  const json = await importFile(await writeTemp('rows.json', JSON.stringify(rows, null, 2)));
  assert.deepEqual(json.schema, expectedSchema);
  assert.deepEqual(json.rows(), expectedRows);
  const ndjson = await importFile(await writeTemp('rows.ndjson', `${rows.map((r) => JSON.stringify(r)).join('\n')}\n\n`));
  assert.deepEqual(ndjson.schema, expectedSchema);
  assert.deepEqual(ndjson.rows(), expectedRows);

  const typed = await importFile(await writeTemp('typed.jsonl', rows.map((r) => JSON.stringify(r)).join('\r\n')), { types: { Size: 'int', Received: 'datetime', Mixed: 'dynamic' } });
  assert.deepEqual(typed.schema.slice(0, 2), [{ name: 'Received', type: 'datetime' }, { name: 'Size', type: 'int' }]);
  assert.deepEqual(typed.rows().map((r) => r[5]), [1, 'x']);

  // The CLI's own --format json output, with its declared types.
  const output = {
    columns: [{ name: 'TraceId', type: 'guid' }, { name: 'Latency', type: 'timespan' }, { name: 'When', type: 'datetime' }],
    rows: [['0B9C1A3E-1111-2222-3333-444455556666', '01:02:03.5', '2024-05-01T10:00:00.1234567Z'], [null, '1.00:00:00', null]],
    visualization: null,
  };
  const cli = await importBytes(Buffer.from(JSON.stringify(output)), 'query-output.json');
  assert.deepEqual(cli.schema.map((f) => f.type), ['guid', 'timespan', 'datetime']);
  assert.deepEqual(cli.rows(), [
    ['0b9c1a3e-1111-2222-3333-444455556666', 37_235_000_000, 1_714_557_600_123_456],
    [null, 864_000_000_000, null],
  ]);
});

test('Parquet import: our own files keep their Kusto types; other writers\' types are mapped; types can be given', async () => {
  const dir = await tempDir();
  const ws = await LocalWorkspace.open(dir, { create: true });
  const data = makeTable(ALL_TYPES);
  await ws.commit({ create: [{ name: 'Everything', columns: data.schema }], appends: [{ table: 'Everything', data }] });
  const ours = await importFile(path.join(dir, (await readManifest(dir)).tables[0].parts[0].file));
  assert.deepEqual(ours.schema, data.schema);
  assert.deepEqual(ours.rows(), data.rows());

  const foreign = parquetWriteBuffer({
    columnData: [
      { name: 'When', data: [new Date('2024-05-01T10:00:00.123Z'), null], type: 'TIMESTAMP' },
      { name: 'Who', data: ['a@contoso.com', null], type: 'STRING' },
      { name: 'N', data: [1, 2], type: 'INT32' },
      { name: 'Big', data: [5n, null], type: 'INT64' },
      { name: 'Ratio', data: [0.5, 1.5], type: 'DOUBLE' },
      { name: 'Doc', data: [{ x: [1] }, null], type: 'JSON' },
      { name: 'Text', data: ['12', '13'], type: 'STRING' },
    ],
  });
  const file = await writeTemp('foreign.bin', new Uint8Array(foreign));
  const table = await importFile(file, { format: 'parquet', types: { Text: 'long', N: 'real' } });
  assert.deepEqual(table.schema.map((f) => f.type), ['datetime', 'string', 'real', 'long', 'real', 'dynamic', 'long']);
  assert.deepEqual(table.rows(), [
    [1_714_557_600_123_000, 'a@contoso.com', 1, 5, 0.5, { x: [1] }, 12],
    [null, '', 2, null, 1.5, null, 13],
  ]);
  await assert.rejects(importFile(file, { format: 'parquet', types: { Who: 'long' } }), {
    code: 'malformed-input',
    message: `${file}: column Who: row 0: cannot convert "a@contoso.com" to long`,
  });
  await assert.rejects(importBytes(Buffer.from('PAR1 not really'), 'broken.parquet'), { code: 'malformed-input', message: /^broken\.parquet: not a readable Parquet file/ });
});

test('malformed input: errors name the file, line and column, and nothing reaches the workspace', async () => {
  const dir = await tempDir();
  await crashFixture(dir);
  const ws = await LocalWorkspace.open(dir);
  const files = await listFiles(dir);
  const manifest = await fs.readFile(path.join(dir, MANIFEST_FILE), 'utf8');

  const cases: [string, string, RegExp | string, Parameters<typeof importFile>[1]?][] = [
    ['unterminated.csv', 'a,b\n1,2\n3,"never closed\n4,5\n', ':3:3: unterminated quoted field (the quote that opens it is here)'],
    ['ragged.csv', 'a,b\n1,2\n3,4,5\n', ':3: the record has 3 fields, the header 2'],
    ['stray-quote.csv', 'a,b\n1,x"y\n', ':2:4: a double quote inside an unquoted field'],
    ['after-quote.csv', 'a,b\n1,"x"y\n', ':2:6: unexpected "y" after a closing quote'],
    ['bad-value.csv', 'a,b\n1,2\n3,four\n', ':3: column b: cannot convert "four" to long', { types: { b: 'long' } }],
    ['bad-date.csv', 'When\n2024-05-01\nyesterday\n', ':3: column When: cannot convert "yesterday" to datetime', { types: { When: 'datetime' } }],
    ['unknown-column.csv', 'a\n1\n', ': a type is given for column zz, which the file does not have (columns: a)', { types: { zz: 'long' } }],
    ['syntax.json', '[\n  {"a": 1},\n  {"a": 2,}\n]', ":3:11: invalid JSON: unexpected \"}\": expected a property name in double quotes"],
    ['truncated.json', '[{"a": 1}, {"a": ', ':1:18: invalid JSON: unexpected end of input: expected a value'],
    ['not-rows.json', '[{"a": 1},\n 42]', ':2:2: expected an object (one row), found a number'],
    ['bad-type.json', '[{"a": 1},\n  {"a": "x"}]', ':2:3: column a: cannot convert "x" to long', { types: { a: 'long' } }],
    ['bad-line.ndjson', '{"a": 1}\n{"a": 2}\n{"a": tru}\n', ":3:7: unexpected 'tru': expected a value"],
    ['not-object.ndjson', '{"a": 1}\n\n  [1]\n', ':3:3: expected a JSON object (one row) on each line, found an array'],
    ['latin1.csv', 'a\nZ\xfcrich\n', ':2: not valid UTF-8'],
  ];
  for (const [name, content, expected, options] of cases) {
    const file = await writeTemp(name, name === 'latin1.csv' ? Buffer.from(content, 'latin1') : content);
    await assert.rejects(
      (async () => {
        const table = await importFile(file, options);
        await ws.commit({ create: [{ name: 'Imported', columns: table.schema }], appends: [{ table: 'Imported', data: table }] });
      })(),
      (error: unknown) => {
        assert.ok(error instanceof StoreError, name);
        assert.equal(error.code, 'malformed-input', name);
        assert.equal(error.file, file);
        if (typeof expected === 'string') assert.ok(error.message.startsWith(`${file}${expected}`), `${name}: ${error.message}`);
        else assert.match(error.message, expected, name);
        return true;
      },
    );
  }
  assert.deepEqual(await listFiles(dir), files);
  assert.equal(await fs.readFile(path.join(dir, MANIFEST_FILE), 'utf8'), manifest);
});
