// Message trace reports downloaded from the Exchange admin center (src/trace/csv-source.ts):
// Enhanced summary, Extended and Get-MessageTrace exports, in UTF-8 and UTF-16, rejected
// rows with their lines, files that are not such reports.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { repoRoot } from '../support/paths';
import { CsvTraceSource } from '../../src/trace/csv-source';
import { TraceFileError } from '../../src/trace/errors';
import type { RejectedRecord, TraceRecord } from '../../src/trace/record';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'trace');
const work = mkdtempSync(path.join(tmpdir(), 'sh-trace-csv-'));
after(() => rmSync(work, { recursive: true, force: true }));
const WINDOW = { start: new Date('2000-01-01T00:00:00Z'), end: new Date('2100-01-01T00:00:00Z') };

async function readAll(files: string | string[], pageSize?: number): Promise<{ records: TraceRecord[]; rejected: RejectedRecord[]; pages: number[] }> {
  const rejected: RejectedRecord[] = [];
  const records: TraceRecord[] = [];
  const pages: number[] = [];
  for await (const page of new CsvTraceSource(files, { pageSize }).read(WINDOW, { onReject: (r) => rejected.push(r) })) {
    pages.push(page.length);
    records.push(...page);
  }
  return { records, rejected, pages };
}

function file(name: string, content: string | Uint8Array): string {
  const full = path.join(work, name);
  writeFileSync(full, content);
  return full;
}

const fixture = (name: string): string => path.join(fixtures, name);
const utf8 = (name: string): string => readFileSync(fixture(name), 'utf8');

/** Recipient, status, received, size, fromIP, toIP of each record. */
const brief = (records: TraceRecord[]) => records.map((r) => [r.recipientAddress, r.status, r.received, r.size, r.fromIP, r.toIP]);

test('Enhanced summary: a record per recipient of recipient_status, status from its events', async () => {
  const { records, rejected } = await readAll(fixture('eac-summary.csv'));
  assert.deepEqual(rejected, []);
  assert.deepEqual(brief(records), [
    ['alex.wilber@northwind.example', 'delivered', '2026-10-05T08:15:39.9270000Z', 48213, '40.107.22.95', ''],
    ['lee.gu@contoso.com', 'delivered', '2026-10-05T08:15:39.9270000Z', 48213, '40.107.22.95', ''],
    ['diego.siciliani@contoso.com', 'delivered', '2026-10-05T09:02:11.4100000Z', 125840, '198.51.100.23', ''],
    ['sales-team@contoso.com', 'expanded', '2026-10-05T09:47:03.0020000Z', 30422, '40.107.65.18', ''],
    ['nestor.wilke@contoso.com', 'delivered', '2026-10-05T09:47:03.0020000Z', 30422, '40.107.65.18', ''],
    ['joni.sherman@contoso.com', 'delivered', '2026-10-05T09:47:03.0020000Z', 30422, '40.107.65.18', ''],
    ['old.partner@defunct.example', 'failed', '2026-10-05T10:30:56.7700000Z', 9811, '40.107.18.201', ''],
  ]);
  assert.deepEqual(records[0], {
    messageTraceId: '5d1c7a2e-8f43-4b6a-9c1e-08ddf1a2b3c4',
    messageId: '<DM6PR11MB43210A1B2C3D4E5F6@DM6PR11MB4321.namprd11.prod.outlook.com>',
    received: '2026-10-05T08:15:39.9270000Z', senderAddress: 'megan.bowen@contoso.com', recipientAddress: 'alex.wilber@northwind.example',
    subject: 'Quarterly budget review - Q3', status: 'delivered', size: 48213, fromIP: '40.107.22.95', toIP: '',
  });
  assert.equal(records[3].subject, 'Partner summit, "save the date"');
  assert.equal(records[6].messageTraceId, '8e2d4a61-0b7c-4f93-a1e5-08ddf1b7d2c8');
});

test('Extended: event rows folded into a record per recipient; first event is received, last settles the status', async () => {
  const { records, rejected } = await readAll(fixture('eac-extended.csv'));
  assert.deepEqual(rejected, []);
  assert.deepEqual(brief(records), [
    ['alex.wilber@northwind.example', 'delivered', '2026-10-05T08:15:39.9270000Z', 48213, '40.107.22.95', '203.0.113.25'],
    ['lee.gu@contoso.com', 'delivered', '2026-10-05T08:15:39.9270000Z', 48213, '40.107.22.95', ''],
    ['diego.siciliani@contoso.com', 'delivered', '2026-10-05T09:02:11.4100000Z', 125840, '198.51.100.23', ''],
    ['isaiah.langer@contoso.com', 'failed', '2026-10-05T09:02:11.4100000Z', 125840, '198.51.100.23', ''],
    // The EXPAND row comes before the RECEIVE row in the file; times decide.
    ['sales-team@contoso.com', 'expanded', '2026-10-05T09:47:03.0020000Z', 30422, '40.107.65.18', ''],
    ['nestor.wilke@contoso.com', 'delivered', '2026-10-05T09:47:03.0020000Z', 30422, '40.107.65.18', ''],
    ['joni.sherman@contoso.com', 'delivered', '2026-10-05T09:47:03.0020000Z', 30422, '40.107.65.18', ''],
  ]);
  assert.equal(records[0].messageTraceId, '5d1c7a2e-8f43-4b6a-9c1e-08ddf1a2b3c4');
  assert.equal(records[0].senderAddress, 'megan.bowen@contoso.com');
  assert.equal(records[4].subject, 'Partner summit, "save the date"');
});

test('Get-MessageTrace | Export-Csv: US dates in UTC, PascalCase statuses, with or without a #TYPE line', async () => {
  const expected = [
    ['alex.wilber@northwind.example', 'delivered', '2026-10-05T08:15:39Z', 48213, '40.107.22.95', '203.0.113.25'],
    ['diego.siciliani@contoso.com', 'filteredAsSpam', '2026-10-05T09:02:11Z', 125840, '198.51.100.23', ''],
    ['old.partner@defunct.example', 'failed', '2026-10-05T22:30:56Z', 9811, '40.107.18.201', ''],
  ];
  const plain = await readAll(fixture('powershell.csv'));
  assert.deepEqual(brief(plain.records), expected);
  assert.equal(plain.records[1].messageTraceId, '0a7e3f19-22c4-4f0e-b1d8-08ddf1a9c0de');
  const typed = file('typed.csv', `#TYPE Deserialized.Microsoft.Exchange.Management.FfoReporting.MessageTrace\n${utf8('powershell.csv')}`);
  assert.deepEqual(brief((await readAll(typed)).records), expected);
});

test('UTF-16 LE and BE with a byte order mark, UTF-16 LE without one, UTF-8 with one, CR LF line ends: all read alike', async () => {
  for (const name of ['eac-summary.csv', 'eac-extended.csv', 'powershell.csv']) {
    const text = utf8(name);
    const expected = (await readAll(fixture(name))).records;
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    const variants: [string, Uint8Array][] = [
      ['utf16le-bom', Buffer.concat([Buffer.from([0xff, 0xfe]), le])],
      ['utf16be-bom', Buffer.concat([Buffer.from([0xfe, 0xff]), be])],
      ['utf16le', le],
      ['utf8-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
      ['crlf', Buffer.from(text.replace(/\n/g, '\r\n'))],
      ['utf16le-crlf', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\n/g, '\r\n'), 'utf16le')])],
    ];
    for (const [variant, bytes] of variants) {
      const { records, rejected } = await readAll(file(`${variant}-${name}`, bytes));
      assert.deepEqual(rejected, [], `${variant} ${name}`);
      assert.deepEqual(records, expected, `${variant} ${name}`);
    }
  }
});

test('several files in one source, yielded in pages', async () => {
  const { records, pages } = await readAll([fixture('eac-summary.csv'), fixture('powershell.csv')], 3);
  assert.equal(records.length, 10);
  assert.deepEqual(pages, [3, 3, 3, 1]);
});

test('rows that cannot be read are rejected with their line, after multi-line fields too; the rest is read', async () => {
  const lines = utf8('eac-summary.csv').split('\n');
  const [header, first, second, third] = lines;
  const text = [
    header,
    // line 2-3: a subject with a line break inside its quotes.
    first.replace('"Quarterly budget review - Q3"', '"Quarterly budget\nreview"'),
    // line 4: an impossible date.
    second.replace('2026-10-05T09:02:11.4100000Z', '2026-13-05T09:02:11Z'),
    // line 5: a field short.
    '"2026-10-05T09:00:00Z","a@contoso.com"',
    // line 6: one recipient with an unknown status, one fine.
    third.replace('sales-team@contoso.com##Receive, Expand', 'sales-team@contoso.com##Teleport'),
    '',
    // line 8: no network message id.
    '"2026-10-05T11:00:00Z","a@contoso.com","b@contoso.com##Receive, Deliver","x","10","<m@x>","","1.2.3.4","Originating","","Normal"',
    // line 9: no status for the recipient.
    '"2026-10-05T11:00:00Z","a@contoso.com","b@contoso.com","x","10","<m@x>","00000000-0000-4000-8000-000000000009","1.2.3.4","Originating","","Normal"',
  ].join('\r\n');
  const { records, rejected } = await readAll(file('rejects.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])));
  const where = path.join(work, 'rejects.csv');
  assert.deepEqual(rejected, [
    { where, line: 4, message: 'origin_timestamp_utc "2026-13-05T09:02:11Z" is not a date and time' },
    { where, line: 5, message: 'the row has 2 fields, the header 11' },
    { where, line: 6, message: 'unknown status "Teleport" for sales-team@contoso.com' },
    { where, line: 8, message: 'missing network_message_id' },
    { where, line: 9, message: 'recipient_status gives no events for b@contoso.com' },
  ]);
  assert.deepEqual(records.map((r) => r.recipientAddress), [
    'alex.wilber@northwind.example', 'lee.gu@contoso.com', 'nestor.wilke@contoso.com', 'joni.sherman@contoso.com',
  ]);
  assert.equal(records[0].subject, 'Quarterly budget\nreview');
});

test('Extended and PowerShell rows are rejected with their line too', async () => {
  const extended = utf8('eac-extended.csv').split('\n');
  extended[2] = extended[2].replace('2026-10-05T08:15:41.1020000Z', 'soon');
  extended[5] = extended[5].replace('"DELIVER"', '""');
  const ext = await readAll(file('ext-rejects.csv', extended.join('\n')));
  assert.deepEqual(ext.rejected.map((r) => [r.line, r.message]), [[3, 'date_time_utc "soon" is not a date and time'], [6, 'missing event_id']]);
  // lee.gu lost its DELIVER row: still received, status not settled yet.
  assert.deepEqual(ext.records.slice(0, 2).map((r) => [r.recipientAddress, r.status]), [['alex.wilber@northwind.example', 'delivered'], ['lee.gu@contoso.com', 'gettingStatus']]);
  assert.equal(ext.records.length, 7);

  const ps = utf8('powershell.csv').split('\n');
  ps[1] = ps[1].replace('"Delivered"', '"Bounced"');
  ps[3] = ps[3].replace('10/5/2026 10:30:56 PM', '13/5/2026 10:30:56 PM');
  const out = await readAll(file('ps-rejects.csv', ps.join('\n')));
  assert.deepEqual(out.rejected.map((r) => [r.line, r.message]), [[2, 'unknown Status "Bounced"'], [4, 'Received "13/5/2026 10:30:56 PM" is not a date and time']]);
  assert.equal(out.records.length, 1);
});

test('a CSV that is not a message trace report, or not CSV, is an error naming the file and line', async () => {
  const other = file('other.csv', '\n"Name","Value"\n"a","1"\n');
  await assert.rejects(readAll(other), (error: unknown) => {
    assert.ok(error instanceof TraceFileError);
    assert.equal(error.line, 2);
    assert.match(error.message, /^.*other\.csv:2:1: not a message trace report: expected the header of/);
    return true;
  });
  const unclosed = file('unclosed.csv', `${utf8('powershell.csv').split('\n')[0]}\n"outlook.office365.com","x\n`);
  await assert.rejects(readAll(unclosed), (error: unknown) => {
    assert.ok(error instanceof TraceFileError);
    assert.equal(error.line, 2);
    assert.match(error.message, /unclosed\.csv:2: not valid CSV: Quote Not Closed/);
    return true;
  });
  await assert.rejects(readAll(file('empty.csv', '')), /empty\.csv:1: empty file/);
  await assert.rejects(readAll(file('bad-utf8.csv', Buffer.from([0x61, 0x0a, 0xc3, 0x28]))), (error: unknown) => {
    assert.ok(error instanceof TraceFileError);
    assert.equal(error.line, 2);
    return true;
  });
});
