// The synthetic message trace (src/trace/synthetic): deterministic for its options whatever
// the windows read, Graph's view at a moment (late arrivals, status changes), incidents that
// hunts must find exactly, and the shape of the mail flow (cardinalities, directions, times).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TRACE_STATUSES, type TraceRecord, type TraceWindow } from '../../src/trace/record';
import { SCENARIOS, SyntheticTraceSource, type SyntheticOptions } from '../../src/trace/synthetic';

const END = '2026-10-01T00:00:00Z'; // a Thursday
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SMALL: SyntheticOptions = { domains: ['contoso.com', 'fabrikam.com'], days: 14, end: END, seed: 42, rows: 30_000, mailboxes: 3_000 };
const TENANT = /@(contoso|fabrikam)\.com$/;

function all(source: SyntheticTraceSource, window: TraceWindow = source.period): TraceRecord[] {
  const rows: TraceRecord[] = [];
  for (const page of source.pages(window)) rows.push(...page);
  return rows;
}

const key = (r: TraceRecord): string => `${r.messageTraceId}|${r.recipientAddress}`;
const at = (iso: string, offset = 0): Date => new Date(Date.parse(iso) + offset);
const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1);

test('the same options give the same rows; another seed other rows', () => {
  const a = all(new SyntheticTraceSource(SMALL));
  const b = all(new SyntheticTraceSource({ ...SMALL }));
  assert.equal(a.length, 30_000);
  assert.deepEqual(a, b);
  const c = all(new SyntheticTraceSource({ ...SMALL, seed: 43 }));
  assert.notDeepEqual(c.slice(0, 100), a.slice(0, 100));
});

test('rows are what Graph returns: lower-case v4 GUIDs, ISO received times in order, known statuses', () => {
  const source = new SyntheticTraceSource({ ...SMALL, scenarios: SCENARIOS });
  const rows = all(source);
  const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  let previous = '';
  const messageIds = new Map<string, string>();
  for (const r of rows) {
    assert.match(r.messageTraceId, guid);
    assert.match(r.received, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    assert.equal(new Date(r.received).toISOString(), r.received);
    assert.ok(r.received >= previous, 'received times ascend');
    previous = r.received;
    assert.ok((TRACE_STATUSES as readonly string[]).includes(r.status));
    assert.match(r.messageId, /^<[^<>@\s]+@[^<>@\s]+>$/);
    assert.ok(r.size > 0 && Number.isInteger(r.size));
    // One message: one trace id, one message id, one sender, one time.
    const seen = messageIds.get(r.messageTraceId);
    if (seen) assert.equal(seen, `${r.messageId}|${r.senderAddress}|${r.received}`);
    else messageIds.set(r.messageTraceId, `${r.messageId}|${r.senderAddress}|${r.received}`);
  }
  assert.equal(new Set(rows.map(key)).size, rows.length, 'one row per (message, recipient)');
  assert.equal(new Set(rows.map((r) => r.messageId)).size, messageIds.size, 'message ids unique per message');
});

test('any windows give the same rows as one read of the period, each row in its window', () => {
  const source = new SyntheticTraceSource({ ...SMALL, scenarios: SCENARIOS });
  const whole = all(source);
  const pieces: TraceRecord[] = [];
  // Windows not aligned with days, of uneven length, past both ends of the period.
  let start = Date.parse(END) - 15 * DAY - 7 * HOUR;
  for (let i = 0; start < Date.parse(END) + DAY; i++) {
    const end = start + (i % 3 === 0 ? 5 : 31) * HOUR + 17_000;
    const window = { start: new Date(start), end: new Date(end) };
    for (const r of all(source, window)) {
      const t = Date.parse(r.received);
      assert.ok(t >= start && t < end, `${r.received} in [${window.start.toISOString()}, ${window.end.toISOString()})`);
      pieces.push(r);
    }
    start = end;
  }
  assert.deepEqual(pieces, whole);
  assert.deepEqual(all(source, { start: at(END, 5 * DAY), end: at(END, 9 * DAY) }), []);
});

test('read yields pages of pageSize and stops on abort', async () => {
  const source = new SyntheticTraceSource({ ...SMALL, pageSize: 4_000 });
  const sizes: number[] = [];
  for await (const page of source.read(source.period)) sizes.push(page.length);
  assert.equal(sizes.reduce((a, b) => a + b, 0), 30_000);
  assert.ok(sizes.slice(0, -1).every((n) => n === 4_000));
  assert.equal(source.kind, 'synthetic');
  assert.equal(source.windowed, true);

  const controller = new AbortController();
  let pages = 0;
  await assert.rejects(async () => {
    for await (const page of source.read(source.period, { signal: controller.signal })) {
      assert.ok(page.length > 0);
      if (++pages === 2) controller.abort();
    }
  }, { name: 'AbortError' });
  assert.equal(pages, 2);
});

test('late arrivals: invisible at the end of the period, visible a day later; nothing else changes', () => {
  const plain = new SyntheticTraceSource(SMALL);
  const late = new SyntheticTraceSource({ ...SMALL, scenarios: ['late-arrivals'] });
  const expected = all(plain);
  assert.deepEqual(all(late.withAsOf(at(END, 24 * HOUR))), expected, 'all there 24 h after the end');

  const atEnd = new Set(all(late).map(key));
  const missing = expected.filter((r) => !atEnd.has(key(r)));
  assert.ok(missing.length > 5, `some rows are late (${missing.length})`);
  for (const r of missing) assert.ok(Date.parse(r.received) >= Date.parse(END) - 24 * HOUR, `${r.received} is within the last 24 h`);

  // Read in the middle of the period: nothing received after asOf, everything older than a
  // day, part of the last day's rows.
  const asOf = at(END, -5 * DAY - 3 * HOUR);
  const seen = all(late.withAsOf(asOf));
  const seenKeys = new Set(seen.map(key));
  assert.ok(seen.every((r) => Date.parse(r.received) <= asOf.getTime()));
  const older = expected.filter((r) => Date.parse(r.received) < asOf.getTime() - 24 * HOUR);
  assert.ok(older.every((r) => seenKeys.has(key(r))));
  const lastDay = expected.filter((r) => Date.parse(r.received) >= asOf.getTime() - 24 * HOUR && Date.parse(r.received) <= asOf.getTime());
  const hidden = lastDay.filter((r) => !seenKeys.has(key(r)));
  assert.ok(hidden.length > 0 && hidden.length < lastDay.length * 0.1, `${hidden.length} of ${lastDay.length} rows of the last day are not in yet`);
  // And they come in later, unchanged.
  const later = new Set(all(late.withAsOf(at(asOf.toISOString(), 24 * HOUR))).map((r) => JSON.stringify(r)));
  for (const r of hidden) assert.ok(later.has(JSON.stringify(r)));
});

test('status changes: pending at first, delivered or failed later; the final rows are the ordinary ones', () => {
  const plain = all(new SyntheticTraceSource(SMALL));
  const changing = new SyntheticTraceSource({ ...SMALL, scenarios: ['status-changes'] });
  assert.deepEqual(all(changing.withAsOf(at(END, 12 * HOUR))), plain, 'final statuses 12 h after the end');

  const asOf = at(END, -2 * DAY + 15 * HOUR); // a Tuesday afternoon
  const early = all(changing.withAsOf(asOf));
  const final = new Map(plain.map((r) => [key(r), r]));
  let changed = 0;
  for (const r of early) {
    const last = final.get(key(r))!;
    if (r.status === last.status) continue;
    changed++;
    assert.equal(r.status, 'pending');
    assert.ok(last.status === 'delivered' || last.status === 'failed');
    assert.ok(Date.parse(r.received) > asOf.getTime() - 12 * HOUR, 'pending for at most 12 hours');
    assert.deepEqual({ ...r, status: last.status }, last);
  }
  assert.ok(changed > 3, `${changed} rows still pending at ${asOf.toISOString()}`);
  // The same row, read as the status settles: a new row for de-duplication (traceKey differs).
  assert.equal(early.length, plain.filter((r) => Date.parse(r.received) <= asOf.getTime()).length);
});

test('exfiltration: one internal sender mails out far above their own history and the tenant on the last day', () => {
  const source = new SyntheticTraceSource({ ...SMALL, days: 30, rows: 120_000, scenarios: ['exfiltration'] });
  const [incident, ...others] = source.incidents().exfiltration;
  assert.equal(others.length, 0);
  assert.match(incident.sender, TENANT);
  assert.ok(incident.recipients.every((r) => !TENANT.test(r)));
  assert.ok(Date.parse(incident.first) >= Date.parse(END) - DAY && Date.parse(incident.last) < Date.parse(END));

  // Outbound messages per sender and day, as the exfiltration recipe counts them.
  const outbound = new Map<string, Set<string>>();
  let burstRows = 0;
  for (const r of all(source)) {
    if (!TENANT.test(r.senderAddress) || TENANT.test(r.recipientAddress)) continue;
    const k = `${r.senderAddress}|${r.received.slice(0, 10)}`;
    if (!outbound.has(k)) outbound.set(k, new Set());
    outbound.get(k)!.add(r.messageTraceId);
    if (r.senderAddress === incident.sender && r.received >= incident.first && r.received <= incident.last && incident.recipients.includes(r.recipientAddress)) burstRows++;
  }
  assert.equal(burstRows, incident.rows);
  const messages = new Map([...outbound].map(([k, ids]) => [k, ids.size]));
  const stats = (xs: number[]): [number, number] => {
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    return [mean, Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length)];
  };
  const [mean, stdev] = stats([...messages.values()]);
  const days = Array.from({ length: 30 }, (_, d) => new Date(Date.parse(END) - (30 - d) * DAY).toISOString().slice(0, 10));
  // Sender-days above the tenant's average + 3 stdev and above the sender's own (zero-filled) history + 3 stdev.
  const flagged = [...messages].filter(([k, n]) => {
    const [sender, day] = k.split('|');
    const [own, ownStdev] = stats(days.filter((d) => d !== day).map((d) => messages.get(`${sender}|${d}`) ?? 0));
    return n > mean + 3 * stdev && n > own + 3 * ownStdev;
  }).map(([k]) => k);
  assert.deepEqual(flagged, [`${incident.sender}|${days[29]}`]);
  assert.ok(messages.get(flagged[0])! >= incident.messages);

  const withThree = new SyntheticTraceSource({ ...SMALL, scenarios: ['exfiltration'], exfiltrators: 3 }).incidents().exfiltration;
  assert.equal(new Set(withThree.map((i) => i.sender)).size, 3);
});

test('lookalike: default domains are one omission, one transposition per tenant domain and a Cyrillic homoglyph in punycode', () => {
  const source = new SyntheticTraceSource({ ...SMALL, scenarios: ['lookalike'] });
  const incident = source.incidents().lookalike!;
  const byFuzzer = (f: string) => incident.domains.filter((d) => d.fuzzer === f);
  assert.equal(byFuzzer('omission').length, 2);
  assert.equal(byFuzzer('transposition').length, 2);
  const [homoglyph] = byFuzzer('homoglyph');
  assert.match(homoglyph.domain, /^xn--[a-z0-9-]+\.com$/);
  assert.match(homoglyph.unicode, /[\u0400-\u04ff]/);
  assert.equal(homoglyph.original, 'contoso.com');
  for (const d of [...byFuzzer('omission'), ...byFuzzer('transposition')]) {
    const original = d.original!;
    assert.notEqual(d.domain, original);
    if (d.fuzzer === 'omission') {
      assert.equal(d.domain.length, original.length - 1);
      assert.ok([...original].some((_, i) => original.slice(0, i) + original.slice(i + 1) === d.domain));
    } else {
      assert.ok([...original].some((_, i) => original.slice(0, i) + original[i + 1] + original[i] + original.slice(i + 2) === d.domain));
    }
  }

  // Every row from those domains is the incident's, and nothing else comes from them.
  const domains = new Set(incident.domains.map((d) => d.domain));
  const rows = all(source).filter((r) => domains.has(domainOf(r.senderAddress)));
  assert.equal(rows.length, incident.rows);
  assert.equal(new Set(rows.map((r) => r.messageTraceId)).size, incident.messages);
  assert.deepEqual([...new Set(rows.map((r) => r.senderAddress))].sort(), incident.senders);
  assert.deepEqual([...new Set(rows.map((r) => r.recipientAddress))].sort(), incident.recipients);
  assert.ok(rows.every((r) => TENANT.test(r.recipientAddress)));
  assert.ok(rows.every((r) => Date.parse(r.received) >= Date.parse(END) - 7 * DAY));
  // The ordinary rows are untouched by the scenario.
  const plainRows = all(new SyntheticTraceSource(SMALL));
  assert.deepEqual(all(source).filter((r) => !domains.has(domainOf(r.senderAddress))), plainRows);

  const given = new SyntheticTraceSource({ ...SMALL, scenarios: ['lookalike'], lookalikeDomains: ['c0ntoso.com', 'Fabrikam-Secure.com'] }).incidents().lookalike!;
  assert.deepEqual(given.domains.map((d) => [d.domain, d.fuzzer]), [['c0ntoso.com', 'given'], ['fabrikam-secure.com', 'given']]);
});

test('quieter nights and weekends; budget exact without incidents', () => {
  const source = new SyntheticTraceSource(SMALL);
  const byWeekday = new Array<number>(7).fill(0);
  const byHour = new Array<number>(24).fill(0);
  for (const r of all(source)) {
    const t = new Date(r.received);
    byWeekday[t.getUTCDay()]++;
    byHour[t.getUTCHours()]++;
  }
  // 14 days: two of each weekday.
  const weekday = (byWeekday[1] + byWeekday[2] + byWeekday[3] + byWeekday[4] + byWeekday[5]) / 5;
  const weekend = (byWeekday[0] + byWeekday[6]) / 2;
  assert.ok(weekend > weekday * 0.15 && weekend < weekday * 0.35, `weekend ${weekend} vs weekday ${weekday}`);
  const night = byHour.slice(0, 5).reduce((a, b) => a + b, 0) / 5;
  const office = byHour.slice(9, 17).reduce((a, b) => a + b, 0) / 8;
  assert.ok(night < office / 5, `night ${night} vs office hours ${office}`);
});

test('realistic shape at a million rows: ~5,000 senders, ~50,000 recipients, a third of rows outbound', () => {
  const source = new SyntheticTraceSource({ domains: ['contoso.com', 'fabrikam.com'], end: END, seed: 7, rows: 1_000_000 });
  const senders = new Set<string>();
  const recipients = new Set<string>();
  const perMessage = new Map<string, number>();
  const statuses = new Map<string, number>();
  const sizes: number[] = [];
  let rows = 0;
  let outbound = 0;
  let inbound = 0;
  for (const page of source.pages(source.period)) {
    for (const r of page) {
      rows++;
      senders.add(r.senderAddress);
      recipients.add(r.recipientAddress);
      perMessage.set(r.messageTraceId, (perMessage.get(r.messageTraceId) ?? 0) + 1);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      const fromTenant = TENANT.test(r.senderAddress);
      if (fromTenant && !TENANT.test(r.recipientAddress)) outbound++;
      if (!fromTenant) inbound++;
      if (rows % 50 === 0) sizes.push(r.size);
    }
  }
  assert.equal(rows, 1_000_000);
  assert.ok(senders.size > 4_000 && senders.size < 6_000, `${senders.size} senders`);
  assert.ok(recipients.size > 40_000 && recipients.size < 60_000, `${recipients.size} recipients`);
  assert.ok(outbound / rows > 0.28 && outbound / rows < 0.38, `outbound share ${outbound / rows}`);
  assert.ok(inbound / rows > 0.25 && inbound / rows < 0.40, `inbound share ${inbound / rows}`);
  const counts = [...perMessage.values()];
  assert.equal(counts.reduce((a, b) => Math.max(a, b), 0), 20);
  const average = rows / counts.length;
  assert.ok(average > 1.6 && average < 2.4, `${average} recipients per message`);
  sizes.sort((a, b) => a - b);
  const median = sizes[sizes.length >> 1];
  assert.ok(median > 20_000 && median < 45_000, `median size ${median}`);
  assert.ok(statuses.get('delivered')! / rows > 0.8);
  assert.ok((statuses.get('filteredAsSpam') ?? 0) > 0 && (statuses.get('quarantined') ?? 0) > 0 && (statuses.get('failed') ?? 0) > 0);
});

test('bad options are errors', () => {
  assert.throws(() => new SyntheticTraceSource({ ...SMALL, scenarios: ['exfiltration', 'ransomware'] }), /unknown scenario "ransomware"; known: exfiltration, lookalike, late-arrivals, status-changes/);
  assert.throws(() => new SyntheticTraceSource({ ...SMALL, domains: [] }), /tenant domains/);
  assert.throws(() => new SyntheticTraceSource({ ...SMALL, days: 0 }), /days/);
  assert.throws(() => new SyntheticTraceSource({ ...SMALL, end: 'soon' }), /end is not a date/);
  assert.throws(() => new SyntheticTraceSource({ ...SMALL, scenarios: ['lookalike'], lookalikeDomains: ['not a domain!'] }), /not a domain name/);
});
