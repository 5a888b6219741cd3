// The benchmark's queries: each in KQL (our engine) and the equivalent SQL (DuckDB), with the
// same output columns in the same order, and a total order so that both return the same rows
// in the same sequence. Tenant matching is by the domain part of an address
// (split(..., "@")[1] / split_part(..., '@', 2)), never by suffix.
import { TENANT_DOMAINS } from './data';

export interface BenchQuery {
  name: string;
  /** What the query answers, for the printed table. */
  title: string;
  kql: string;
  sql: string;
}

const MICROS_PER_DAY = 86_400_000_000;

/** A DuckDB TIMESTAMP literal (UTC, as the benchmark loads the datetime columns) for microseconds since the epoch. */
function ts(micros: number): string {
  return `TIMESTAMP '${new Date(micros / 1000).toISOString().replace('T', ' ').replace('Z', '')}'`;
}

/** The queries, with `now` (microseconds since the epoch, a midnight) the end of the data. */
export function benchQueries(now: number): BenchQuery[] {
  const kqlTenant = `dynamic([${TENANT_DOMAINS.map((d) => `"${d}"`).join(', ')}])`;
  const sqlTenant = `(${TENANT_DOMAINS.map((d) => `'${d}'`).join(', ')})`;
  // Detection looks at the last day; the baseline at the 7 whole days before it.
  const detectionStart = now - MICROS_PER_DAY;
  const baselineEnd = detectionStart; // startofday(ago(1d)) with now at midnight
  const baselineStart = baselineEnd - 7 * MICROS_PER_DAY;

  const kqlBaseline = `EmailEvents_CL
    | where Received_t >= baselineEnd - 7d and Received_t < baselineEnd
    | extend SenderDomain = tostring(split(SenderAddress_s, "@")[1]), RecipientDomain = tostring(split(RecipientAddress_s, "@")[1])
    | where SenderDomain in (tenantDomains) and RecipientDomain !in (tenantDomains)
    | summarize Daily = count() by SenderAddress_s, Day = bin(Received_t, 1d)
    | summarize Average = avg(Daily), StdDev = stdev(Daily), Days = count() by SenderAddress_s`;
  // Kusto's stdev() of a single value is 0; DuckDB's stddev_samp() is NULL.
  const sqlBaseline = `SELECT SenderAddress_s, avg(Daily) AS Average, coalesce(stddev_samp(Daily), 0) AS StdDev, count(*) AS Days
    FROM (
      SELECT SenderAddress_s, time_bucket(INTERVAL 1 day, Received_t) AS Day, count(*) AS Daily
      FROM EmailEvents_CL
      WHERE Received_t >= ${ts(baselineStart)} AND Received_t < ${ts(baselineEnd)}
        AND split_part(SenderAddress_s, '@', 2) IN ${sqlTenant}
        AND split_part(RecipientAddress_s, '@', 2) NOT IN ${sqlTenant}
      GROUP BY SenderAddress_s, Day
    ) AS daily
    GROUP BY SenderAddress_s`;

  return [
    {
      name: 'top-senders',
      title: 'top 10 senders by messages (dcount) over 30 days, with distinct recipients',
      kql: `EmailEvents_CL
| where Received_t > ago(30d)
| summarize Messages = dcount(MessageTraceId_g), Recipients = dcount(RecipientAddress_s) by SenderAddress_s
| sort by Messages desc, SenderAddress_s asc
| take 10`,
      sql: `SELECT SenderAddress_s, count(DISTINCT MessageTraceId_g) AS Messages, count(DISTINCT RecipientAddress_s) AS Recipients
FROM EmailEvents_CL
WHERE Received_t > ${ts(now - 30 * MICROS_PER_DAY)}
GROUP BY SenderAddress_s
ORDER BY Messages DESC, SenderAddress_s ASC
LIMIT 10`,
    },
    {
      name: 'exfil-baseline',
      title: 'outbound mail per tenant sender: daily counts over 7 days, avg + stdev',
      kql: `let tenantDomains = ${kqlTenant};
let baselineEnd = startofday(ago(1d));
${kqlBaseline.replace(/\n {4}/g, '\n')}
| order by SenderAddress_s asc`,
      sql: `${sqlBaseline}
ORDER BY SenderAddress_s ASC`,
    },
    {
      name: 'exfil-detection',
      title: 'senders of the last day above their baseline avg + 3 stdev (join)',
      kql: `let tenantDomains = ${kqlTenant};
let detectionStart = ago(1d);
let baselineEnd = startofday(detectionStart);
let baseline = ${kqlBaseline};
EmailEvents_CL
| where Received_t >= detectionStart
| extend SenderDomain = tostring(split(SenderAddress_s, "@")[1]), RecipientDomain = tostring(split(RecipientAddress_s, "@")[1])
| where SenderDomain in (tenantDomains) and RecipientDomain !in (tenantDomains)
| summarize Sent = count(), Bytes = sum(Size_d), Recipients = dcount(RecipientAddress_s) by SenderAddress_s
| join kind=inner baseline on SenderAddress_s
| extend Threshold = Average + 3 * StdDev
| where Sent > Threshold
| project SenderAddress_s, Sent, Bytes, Recipients, Average, StdDev, Threshold
| order by Sent desc, SenderAddress_s asc`,
      sql: `WITH baseline AS (${sqlBaseline}),
recent AS (
  SELECT SenderAddress_s, count(*) AS Sent, sum(Size_d) AS Bytes, count(DISTINCT RecipientAddress_s) AS Recipients
  FROM EmailEvents_CL
  WHERE Received_t >= ${ts(detectionStart)}
    AND split_part(SenderAddress_s, '@', 2) IN ${sqlTenant}
    AND split_part(RecipientAddress_s, '@', 2) NOT IN ${sqlTenant}
  GROUP BY SenderAddress_s
)
SELECT r.SenderAddress_s, r.Sent, r.Bytes, r.Recipients, b.Average, b.StdDev, b.Average + 3 * b.StdDev AS Threshold
FROM recent AS r JOIN baseline AS b ON r.SenderAddress_s = b.SenderAddress_s
WHERE r.Sent > b.Average + 3 * b.StdDev
ORDER BY r.Sent DESC, r.SenderAddress_s ASC`,
    },
    {
      name: 'mail-flow-30m',
      title: 'mail flow in 30-minute bins over 30 days: messages, rows, bytes',
      kql: `EmailEvents_CL
| where Received_t > ago(30d)
| summarize Messages = dcount(MessageTraceId_g), Rows = count(), Bytes = sum(Size_d) by Received = bin(Received_t, 30m)
| order by Received asc`,
      sql: `SELECT time_bucket(INTERVAL 30 minutes, Received_t) AS Received, count(DISTINCT MessageTraceId_g) AS Messages, count(*) AS "Rows", sum(Size_d) AS Bytes
FROM EmailEvents_CL
WHERE Received_t > ${ts(now - 30 * MICROS_PER_DAY)}
GROUP BY Received
ORDER BY Received ASC`,
    },
    {
      name: 'lookalike-join',
      title: 'senders on lookalike domains (join with the 3,000-row table)',
      kql: `EmailEvents_CL
| extend SenderDomain = tostring(split(SenderAddress_s, "@")[1])
| join kind=inner (LookalikeDomains) on $left.SenderDomain == $right.Domain
| summarize Messages = dcount(MessageTraceId_g), Recipients = dcount(RecipientAddress_s), FirstSeen = min(Received_t), LastSeen = max(Received_t) by SenderDomain, Fuzzer, Original, SenderAddress_s
| order by Messages desc, SenderAddress_s asc`,
      sql: `SELECT split_part(e.SenderAddress_s, '@', 2) AS SenderDomain, l.Fuzzer, l.Original, e.SenderAddress_s,
  count(DISTINCT e.MessageTraceId_g) AS Messages, count(DISTINCT e.RecipientAddress_s) AS Recipients,
  min(e.Received_t) AS FirstSeen, max(e.Received_t) AS LastSeen
FROM EmailEvents_CL AS e JOIN LookalikeDomains AS l ON split_part(e.SenderAddress_s, '@', 2) = l.Domain
GROUP BY ALL
ORDER BY Messages DESC, e.SenderAddress_s ASC`,
    },
  ];
}
