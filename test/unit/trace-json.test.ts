// Archived message trace exports in JSON (src/trace/json-source.ts): every shape, the
// normalisation of dates, statuses and GUIDs, rejected rows with their lines, bad files.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { repoRoot } from '../support/paths';
import { TraceFileError } from '../../src/trace/errors';
import { JsonTraceSource, parseTraceJson } from '../../src/trace/json-source';
import type { RejectedRecord, TraceRecord } from '../../src/trace/record';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'trace');
const work = mkdtempSync(path.join(tmpdir(), 'sh-trace-json-'));
after(() => rmSync(work, { recursive: true, force: true }));
const WINDOW = { start: new Date('2000-01-01T00:00:00Z'), end: new Date('2100-01-01T00:00:00Z') };

async function readAll(source: JsonTraceSource, rejected: RejectedRecord[] = []): Promise<{ records: TraceRecord[]; pages: number[] }> {
  const records: TraceRecord[] = [];
  const pages: number[] = [];
  for await (const page of source.read(WINDOW, { onReject: (r) => rejected.push(r) })) {
    pages.push(page.length);
    records.push(...page);
  }
  return { records, pages };
}

function file(name: string, content: string | Uint8Array): string {
  const full = path.join(work, name);
  writeFileSync(full, content);
  return full;
}

test('Graph messageTraces page ({"value":[...]} with @odata links): ids lower case, null IPs empty', async () => {
  const { records } = await readAll(new JsonTraceSource(path.join(fixtures, 'graph.json')));
  assert.deepEqual(records, [
    {
      messageTraceId: '5d1c7a2e-8f43-4b6a-9c1e-08ddf1a2b3c4',
      messageId: '<DM6PR11MB43210A1B2C3D4E5F6@DM6PR11MB4321.namprd11.prod.outlook.com>',
      received: '2026-10-05T08:15:39.927Z', senderAddress: 'megan.bowen@contoso.com',
      recipientAddress: 'alex.wilber@northwind.example', subject: 'Quarterly budget review - Q3', status: 'delivered',
      size: 48213, fromIP: '40.107.22.95', toIP: '203.0.113.25',
    },
    {
      messageTraceId: '0a7e3f19-22c4-4f0e-b1d8-08ddf1a9c0de', messageId: '<20261005090211.7F3A2C@mail.tailspin.example>',
      received: '2026-10-05T09:02:11Z', senderAddress: 'invoices@tailspin.example', recipientAddress: 'diego.siciliani@contoso.com',
      subject: 'Invoice 44781 attached', status: 'filteredAsSpam', size: 125840, fromIP: '198.51.100.23', toIP: '',
    },
  ]);
});

test('a bare array of Graph objects; offsets are converted to UTC, a missing seconds field is added', () => {
  const text = JSON.stringify([
    { id: 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE', messageId: '<a@x>', receivedDateTime: '2026-01-20T10:00:00.5+02:00', senderAddress: 's@contoso.com', recipientAddress: 'r@fabrikam.com', subject: 'S', status: 'pending', size: '12', fromIP: '1.2.3.4', toIP: '5.6.7.8' },
    { id: 'aaaaaaaabbbb4ccc8dddeeeeeeeeeeee', receivedDateTime: '2026-01-20T23:30-01:00', recipientAddress: 'r@fabrikam.com', status: 'recalled' },
  ]);
  const records = parseTraceJson(text, 'bare.json');
  assert.equal(records[0].received, '2026-01-20T08:00:00.5Z');
  assert.equal(records[0].size, 12);
  assert.equal(records[0].status, 'pending');
  assert.deepEqual(records[1], {
    messageTraceId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', messageId: '', received: '2026-01-21T00:30:00Z', senderAddress: '',
    recipientAddress: 'r@fabrikam.com', subject: '', status: 'recalled', size: 0, fromIP: '', toIP: '',
  });
});

test('Reporting Web Service verbose OData v2: /Date(ms)/ dates, PascalCase statuses, null message id', async () => {
  const { records } = await readAll(new JsonTraceSource(path.join(fixtures, 'rws-verbose.json')));
  assert.equal(records.length, 2);
  assert.deepEqual(records[0], {
    messageTraceId: '8e2d4a61-0b7c-4f93-a1e5-08ddf1b7d2c8', messageId: '<SN7PR04MB9981C4FE11@SN7PR04MB9981.namprd04.prod.outlook.com>',
    received: '2022-07-28T15:09:56.164Z', senderAddress: 'pradeep.gupta@contoso.com', recipientAddress: 'old.partner@defunct.example',
    subject: 'Contract renewal', status: 'failed', size: 9811, fromIP: '40.107.18.201', toIP: '',
  });
  assert.equal(records[1].status, 'gettingStatus');
  assert.equal(records[1].messageId, '');
  assert.equal(records[1].received, '2022-07-28T15:18:20.000Z');
});

test('Reporting Web Service JSON light: Received without Z is UTC, the fraction is kept', async () => {
  const { records } = await readAll(new JsonTraceSource(path.join(fixtures, 'rws-light.json')));
  assert.deepEqual(records.map((r) => [r.received, r.recipientAddress, r.status]), [
    ['2022-07-28T15:09:56.1646293Z', 'nestor.wilke@contoso.com', 'delivered'],
    ['2022-07-28T15:09:56.1646293Z', 'sales-team@contoso.com', 'expanded'],
  ]);
});

test('every Reporting Web Service status maps onto Graph\'s vocabulary', () => {
  const statuses = ['None', 'GettingStatus', 'Failed', 'Pending', 'Delivered', 'Expanded', 'Quarantined', 'FilteredAsSpam'];
  const text = JSON.stringify({ d: { results: statuses.map((Status, i) => ({ MessageTraceId: `00000000-0000-4000-8000-00000000000${i}`, Received: '/Date(0)/', RecipientAddress: 'r@contoso.com', Status })) } });
  assert.deepEqual(parseTraceJson(text, 'statuses.json').map((r) => r.status),
    ['gettingStatus', 'gettingStatus', 'failed', 'pending', 'delivered', 'expanded', 'quarantined', 'filteredAsSpam']);
});

test('several files, any shape each, in file order and in pages', async () => {
  const source = new JsonTraceSource([path.join(fixtures, 'graph.json'), path.join(fixtures, 'rws-verbose.json'), path.join(fixtures, 'rws-light.json')], { pageSize: 1 });
  const { records, pages } = await readAll(source);
  assert.equal(records.length, 6);
  assert.deepEqual(pages, [1, 1, 1, 1, 1, 1]);
  assert.equal(source.kind, 'json');
  assert.equal(source.windowed, false);
});

test('a UTF-16 file with a byte order mark reads like UTF-8', async () => {
  const text = JSON.stringify([{ id: '00000000-0000-4000-8000-000000000001', receivedDateTime: '2026-01-01T00:00:00Z', recipientAddress: 'ünïcode@contoso.com', subject: 'Grüße', status: 'delivered' }]);
  const le = file('utf16le.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  const { records } = await readAll(new JsonTraceSource(le));
  assert.equal(records[0].subject, 'Grüße');
  assert.equal(records[0].recipientAddress, 'ünïcode@contoso.com');
});

test('rows that cannot be read are rejected with the line of their item; the rest is read', () => {
  const text = [
    '{"value": [',
    '  {"id": "00000000-0000-4000-8000-000000000001", "receivedDateTime": "2026-01-01T00:00:00Z", "recipientAddress": "a@contoso.com", "status": "delivered"},',
    '  {"receivedDateTime": "2026-01-01T00:00:00Z", "recipientAddress": "b@contoso.com", "status": "delivered"},',
    '  {"id": "not-a-guid", "receivedDateTime": "2026-01-01T00:00:00Z", "recipientAddress": "c@contoso.com", "status": "delivered"},',
    '  {',
    '    "id": "00000000-0000-4000-8000-000000000004",',
    '    "receivedDateTime": "yesterday",',
    '    "recipientAddress": "d@contoso.com", "status": "delivered"',
    '  },',
    '  {"id": "00000000-0000-4000-8000-000000000005", "receivedDateTime": "2026-02-30T00:00:00Z", "recipientAddress": "e@contoso.com", "status": "delivered"},',
    '  {"id": "00000000-0000-4000-8000-000000000006", "receivedDateTime": "2026-01-01T00:00:00Z", "status": "delivered"},',
    '  {"id": "00000000-0000-4000-8000-000000000007", "receivedDateTime": "2026-01-01T00:00:00Z", "recipientAddress": "g@contoso.com", "status": "bounced"},',
    '  {"id": "00000000-0000-4000-8000-000000000008", "receivedDateTime": "2026-01-01T00:00:00Z", "recipientAddress": "h@contoso.com", "status": "delivered", "size": -3},',
    '  "just a string",',
    '  {"id": "00000000-0000-4000-8000-000000000010", "receivedDateTime": "2026-01-01T00:00:01Z", "recipientAddress": "j@contoso.com", "status": "failed"}',
    ']}',
  ].join('\n');
  const rejected: RejectedRecord[] = [];
  const records = parseTraceJson(text, 'mixed.json', (r) => rejected.push(r));
  assert.deepEqual(records.map((r) => r.recipientAddress), ['a@contoso.com', 'j@contoso.com']);
  assert.deepEqual(rejected, [
    { where: 'mixed.json', line: 3, message: 'item 2: missing id' },
    { where: 'mixed.json', line: 4, message: 'item 3: id "not-a-guid" is not a GUID' },
    { where: 'mixed.json', line: 5, message: 'item 4: receivedDateTime "yesterday" is not a date and time' },
    { where: 'mixed.json', line: 10, message: 'item 5: receivedDateTime "2026-02-30T00:00:00Z" is not a date and time' },
    { where: 'mixed.json', line: 11, message: 'item 6: missing recipientAddress' },
    { where: 'mixed.json', line: 12, message: 'item 7: unknown status "bounced"' },
    { where: 'mixed.json', line: 13, message: 'item 8: size -3 is not a number of bytes' },
    { where: 'mixed.json', line: 14, message: 'item 9: expected an object, found a string' },
  ]);
});

test('rejected rows in a verbose OData file are located inside d.results', () => {
  const text = '{"d":\n {"__next": "x",\n  "results": [\n   {"MessageTraceId": "00000000-0000-4000-8000-000000000001", "Received": "/Date(0)/", "RecipientAddress": "a@contoso.com", "Status": "Delivered"},\n   {"MessageTraceId": "00000000-0000-4000-8000-000000000002", "Received": "/Date(zero)/", "RecipientAddress": "b@contoso.com", "Status": "Delivered"}\n]}}';
  const rejected: RejectedRecord[] = [];
  assert.equal(parseTraceJson(text, 'v.json', (r) => rejected.push(r)).length, 1);
  assert.deepEqual(rejected, [{ where: 'v.json', line: 5, message: 'item 2: Received "/Date(zero)/" is not a date and time' }]);
});

test('a file that is not JSON is an error naming the file, line and column', async () => {
  const broken = file('broken.json', '{"value": [\n  {"id": "x",\n   "status" "delivered"}\n]}');
  await assert.rejects(readAll(new JsonTraceSource(broken)), (error: unknown) => {
    assert.ok(error instanceof TraceFileError);
    assert.equal(error.file, broken);
    assert.equal(error.line, 3);
    assert.equal(error.column, 13);
    assert.match(error.message, new RegExp(`^${escape(broken)}:3:13: not JSON: .*expected ':'`));
    return true;
  });
});

test('JSON of no known shape is an error, not a list of rejected rows', () => {
  for (const text of ['{"rows": []}', '  [{"name": "x", "value": 1}]', '[1, 2]', '"text"', '{"d": {"results": [{"id": "x", "receivedDateTime": "2026-01-01T00:00:00Z"}]}}']) {
    assert.throws(() => parseTraceJson(text, 'other.json'), (error: unknown) => {
      assert.ok(error instanceof TraceFileError, text);
      assert.match(error.message, /^other\.json:1:\d+: not a message trace export/);
      return true;
    });
  }
  assert.deepEqual(parseTraceJson('{"value": []}', 'empty.json'), []);
  assert.deepEqual(parseTraceJson('[]', 'empty.json'), []);
});

test('an unreadable file is a TraceFileError', async () => {
  await assert.rejects(readAll(new JsonTraceSource(path.join(work, 'missing.json'))), TraceFileError);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
