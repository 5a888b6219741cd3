// The Graph message trace test server speaks the protocol: what it accepts and how it refuses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { literalTicks, parseTraceFilter } from '../support/servers/graph-filter';
import { startGraphTraceServer, TRACE_PATH, type GraphTraceServer } from '../support/servers/graph-trace-server';

const NOW = Date.parse('2026-11-20T12:00:00Z');

async function get(server: GraphTraceServer, query: string, token: string | null = server.token) {
  const response = await fetch(`${server.url}${TRACE_PATH}${query}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

const q = (filter: string, extra = ''): string => `?$filter=${encodeURIComponent(filter)}${extra}`;

test('invalid requests get Graph-shaped errors', async () => {
  const server = await startGraphTraceServer({ now: () => NOW });
  try {
    const cases: [string, number, RegExp][] = [
      [q('receivedDateTime ge 2026-11-19T00:00:00Z or receivedDateTime le 2026-11-20T00:00:00Z'), 400, /'or' is not supported/],
      [q('receivedDateTime eq 2026-11-19T00:00:00Z'), 400, /operator 'eq' is not supported for receivedDateTime/],
      [q("receivedDateTime ge '2026-11-19T00:00:00Z' and receivedDateTime le 2026-11-20T00:00:00Z"), 400, /DateTimeOffset literal/],
      [q('receivedDateTime ge 2026-11-19T00:00:00Z'), 400, /both a start \(ge\) and an end \(le\)/],
      [q('receivedDateTime ge 2026-11-01T00:00:00Z and receivedDateTime le 2026-11-12T00:00:00Z'), 400, /cannot exceed 10 days/],
      [q('receivedDateTime ge 2026-08-01T00:00:00Z and receivedDateTime le 2026-08-02T00:00:00Z'), 400, /more than 90 days before/],
      [q('receivedDateTime ge 2026-11-20T00:00:00Z and receivedDateTime le 2026-11-20T12:00:01Z'), 400, /later than the current date/],
      [q('receivedDateTime ge 2026-11-20T00:00:00Z and receivedDateTime le 2026-11-19T00:00:00Z'), 400, /start date must not be later/],
      [q('size gt 5'), 400, /property 'size' is not supported/],
      [q('receivedDateTime ge 2026-11-20T00:00:00Z and'), 400, /Syntax error/],
      ['?$top=0', 400, /between 1 and 5000/],
      ['?$top=5001', 400, /between 1 and 5000/],
      ['?$orderby=receivedDateTime', 400, /'\$orderby' is not allowed/],
      ['?$skiptoken=nope', 400, /skipToken is invalid/],
    ];
    for (const [query, status, message] of cases) {
      const { status: got, body } = await get(server, query);
      assert.equal(got, status, query);
      const error = body.error as { code: string; message: string };
      assert.equal(error.code, 'BadRequest', query);
      assert.match(error.message, message, query);
    }
    const unauthenticated = await get(server, '', null);
    assert.equal(unauthenticated.status, 401);
    assert.equal((unauthenticated.body.error as { code: string }).code, 'InvalidAuthenticationToken');
    assert.match(unauthenticated.headers.get('www-authenticate') ?? '', /^Bearer /);
  } finally {
    await server.close();
  }
});

test('it filters, pages newest first, defaults to the last 48 hours and 1000 rows, and throttles with Retry-After', async () => {
  let now = NOW;
  const server = await startGraphTraceServer({ now: () => now, budget: { limit: 3, intervalMs: 60_000 } });
  try {
    const at = (hoursAgo: number) => new Date(NOW - hoursAgo * 3_600_000).toISOString();
    server.rows = Array.from({ length: 1205 }, (_, i) => ({
      messageTraceId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, messageId: `<${i}@x>`, received: at(1 + i * 0.03),
      senderAddress: i % 2 ? 'odd@fabrikam.com' : 'even@fabrikam.com', recipientAddress: 'r@contoso.com', subject: `Invoice ${i}`,
      status: i === 0 ? 'recalled' as const : 'delivered' as const, size: i, fromIP: '', toIP: '',
    }));
    const first = await get(server, '');
    const value = first.body.value as Record<string, unknown>[];
    assert.equal(value.length, 1000, 'default page size');
    assert.equal(value[0].id, '00000000-0000-4000-8000-000000000000', 'newest first');
    assert.equal(value[0].status, 'unknownFutureValue', 'recalled needs Prefer: include-unknown-enum-members');
    assert.deepEqual(Object.keys(value[0]).sort(), ['fromIP', 'id', 'messageId', 'receivedDateTime', 'recipientAddress', 'senderAddress', 'size', 'status', 'subject', 'toIP']);
    const next = String(first.body['@odata.nextLink']);
    assert.ok(next.startsWith(`${server.url}${TRACE_PATH}?$top=1000&$skiptoken=`), next);
    // 48 h back at 0.03 h per row: rows 0..1566 would fit, but only 1205 exist.
    const second = await get(server, next.slice(server.url.length + TRACE_PATH.length));
    assert.equal((second.body.value as unknown[]).length, 205);
    assert.equal(second.body['@odata.nextLink'], undefined);

    const filtered = await get(server, q(`receivedDateTime ge ${at(2)} and receivedDateTime le ${at(1)} and (senderAddress eq 'ODD@fabrikam.com') and startsWith(subject,'invoice 1')`));
    assert.deepEqual((filtered.body.value as { size: number }[]).map((r) => r.size), [1, 11, 13, 15, 17, 19]);

    const throttled = await get(server, '');
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers.get('retry-after'), '60');
    assert.equal(server.throttled, 1);
    now += 60_000;
    assert.equal((await get(server, '?$top=1')).status, 200);
    assert.equal(server.requests.length, 5);
  } finally {
    await server.close();
  }
});

test('the filter parser reads Graph DateTimeOffset literals at full precision', () => {
  assert.equal(literalTicks('2026-01-20T00:00:00.0000001Z'), BigInt(Date.parse('2026-01-20T00:00:00Z')) * 10_000n + 1n);
  assert.equal(literalTicks('2026-01-20T02:00:00+02:00'), BigInt(Date.parse('2026-01-20T00:00:00Z')) * 10_000n);
  assert.equal(literalTicks('2026-02-30T00:00:00Z'), undefined);
  const filter = parseTraceFilter("(receivedDateTime gt 2026-01-20T00:00:00Z and receivedDateTime lt 2026-01-21T00:00:00.5Z) and recipientAddress eq 'o''brien@contoso.com'");
  assert.equal(filter.lower?.inclusive, false);
  assert.equal(filter.upper?.ticks, BigInt(Date.parse('2026-01-21T00:00:00.500Z')) * 10_000n);
  assert.deepEqual(filter.equals, [{ property: 'recipientAddress', value: "o'brien@contoso.com" }]);
});

test('a frozen array of rows (indexed by time once) is served exactly as the same rows in a plain array', async () => {
  const server = await startGraphTraceServer({ now: () => NOW, budget: { limit: 1000, intervalMs: 60_000 } });
  try {
    // Times with ties (the same instant, sub-millisecond digits), out of order, and one unreadable date.
    const rows = Array.from({ length: 400 }, (_, i) => ({
      messageTraceId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, messageId: `<${i}@x>`,
      received: `${new Date(NOW - ((i * 7919) % 97) * 1_800_000).toISOString().slice(0, 19)}${i % 3 === 0 ? '' : `.${(i % 5) * 1234}`}Z`,
      senderAddress: `s${i % 4}@fabrikam.com`, recipientAddress: 'r@contoso.com', subject: `S ${i}`, status: 'delivered' as const, size: i, fromIP: '', toIP: '',
    }));
    const served = [...rows, { graph: { id: 'x', receivedDateTime: 'not a date', recipientAddress: 'r@contoso.com' } }];
    const queries = [
      q('receivedDateTime ge 2026-11-19T00:00:00Z and receivedDateTime le 2026-11-20T00:00:00Z', '&$top=5000'),
      q('receivedDateTime ge 2026-11-18T12:00:00Z and receivedDateTime le 2026-11-18T13:30:00Z', '&$top=5000'),
      q("receivedDateTime ge 2026-11-18T00:00:00Z and receivedDateTime le 2026-11-20T12:00:00Z and senderAddress eq 's1@fabrikam.com'", '&$top=5000'),
      '?$top=5000',
    ];
    // With a row of unreadable date (in every query), and without (a query on time alone then
    // makes its items page by page): paged by 7, every page the same.
    for (const data of [served, rows]) {
      for (const query of queries) {
        const pages = async (): Promise<unknown[]> => {
          const items: unknown[] = [];
          let next: string | undefined = `${query}&$top=7`.replace('&$top=5000', '');
          while (next !== undefined) {
            const page = await get(server, next);
            assert.equal(page.status, 200, next);
            items.push(page.body.value);
            const link = page.body['@odata.nextLink'] as string | undefined;
            next = link === undefined ? undefined : link.slice(link.indexOf('?'));
          }
          return items;
        };
        server.rows = [...data];
        const plain = await pages();
        server.rows = Object.freeze([...data]) as typeof data;
        const frozen = await pages();
        assert.deepEqual(frozen, plain, query);
        assert.ok(plain.length > 1, query);
      }
    }
  } finally {
    await server.close();
  }
});
