// A seeded, deterministic message trace of a made-up tenant, read like Graph: `read(window)`
// returns the rows received in the window that message trace shows at `asOf`, each with the
// status it has then. The same options give the same rows, whatever the windows asked for:
// each day is generated from its own random stream, and incidents are planned up front.
import { throwIfAborted, DEFAULT_PAGE_SIZE } from '../paging';
import type { ReadOptions, TraceRecord, TraceSource, TraceWindow } from '../record';
import { BaselineWriter, planDay, type DayPlan } from './baseline';
import { defaultLookalikes, givenLookalikes } from './lookalike';
import { DAY_MS, type SyntheticMessage } from './message';
import { DEFAULT_MAILBOXES, Population } from './population';
import { Random, streamSeed, WeightedPicker } from './random';
import {
  checkScenarios, CHANGE_SHARE, lateDelay, LATE_SHARE, MAX_LATE_HOURS, MAX_PENDING_HOURS, planExfiltration, planLookalike,
  STREAM, type ExfiltrationIncident, type LookalikeIncident, type ScenarioName,
} from './scenarios';
import { IsoFormatter } from './text';
import { HOUR_WEIGHTS } from './vocabulary';

export interface SyntheticOptions {
  /** The tenant's domains; the first has the most mailboxes. */
  domains: readonly string[];
  /** Length of the period in days (default 30). */
  days?: number;
  /** End of the period, exclusive (default: today 00:00 UTC). */
  end?: Date | string;
  seed?: number;
  scenarios?: readonly (ScenarioName | string)[];
  /** The moment message trace is read at (default: `end`). */
  asOf?: Date | string;
  /** Ordinary rows over the whole period (default 33,000 a day); incidents add theirs. */
  rows?: number;
  /** Mailboxes in the tenant (default 33,000); the other populations scale with it. */
  mailboxes?: number;
  /** `lookalike`: the sender domains to use instead of the default permutations. */
  lookalikeDomains?: readonly string[];
  /** `exfiltration`: how many senders exfiltrate (default 1). */
  exfiltrators?: number;
  /** Records per page (default 5,000). */
  pageSize?: number;
}

export interface SyntheticIncidents {
  /** Empty unless the `exfiltration` scenario is on. */
  exfiltration: ExfiltrationIncident[];
  lookalike?: LookalikeIncident;
  lateArrivals?: { messageShare: number; maxDelayHours: number };
  statusChanges?: { rowShare: number; maxPendingHours: number };
}

const DEFAULT_ROWS_PER_DAY = 33_000;
const MODEL = Symbol('synthetic trace model');

/** What a source and its `withAsOf` copies share: everything but the reading moment. */
interface Model {
  [MODEL]: true;
  seed: number;
  start: number;
  end: number;
  days: number;
  dayRows: number[];
  population: Population;
  hours: WeightedPicker;
  scenarios: Set<ScenarioName>;
  /** Incident messages, sorted by received time. */
  planned: SyntheticMessage[];
  incidents: SyntheticIncidents;
  pageSize: number;
  plans: Map<number, DayPlan>;
}

export class SyntheticTraceSource implements TraceSource {
  readonly kind = 'synthetic';
  readonly windowed = true;
  readonly asOf: Date;
  private readonly model: Model;

  constructor(options: SyntheticOptions);
  constructor(options: SyntheticOptions | Model, asOf?: number) {
    this.model = MODEL in options ? options : buildModel(options);
    this.asOf = new Date(asOf ?? toTime((options as SyntheticOptions).asOf, this.model.end, 'asOf'));
  }

  /** The period rows are received in: [end - days, end). */
  get period(): TraceWindow {
    return { start: new Date(this.model.start), end: new Date(this.model.end) };
  }

  /** The same rows, read at another moment. */
  withAsOf(asOf: Date | string): SyntheticTraceSource {
    const Source = SyntheticTraceSource as unknown as new (model: Model, asOf: number) => SyntheticTraceSource;
    return new Source(this.model, toTime(asOf, this.model.end, 'asOf'));
  }

  /** What the switched-on scenarios put in the data, for tests to check hunts against. */
  incidents(): SyntheticIncidents {
    return structuredClone(this.model.incidents);
  }

  async *read(window: TraceWindow, options: ReadOptions = {}): AsyncIterable<TraceRecord[]> {
    for (const page of this.pages(window)) {
      throwIfAborted(options.signal);
      yield page;
      // Generation is CPU work: let timers and I/O in between pages.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    throwIfAborted(options.signal);
  }

  /** `read` without the event loop, for benchmarks. */
  *pages(window: TraceWindow): Generator<TraceRecord[]> {
    const m = this.model;
    const asOf = this.asOf.getTime();
    const from = Math.max(window.start.getTime(), m.start);
    const to = Math.min(window.end.getTime(), m.end, asOf + 1);
    if (!(from < to)) return;
    const late = m.scenarios.has('late-arrivals');
    const writer = new BaselineWriter(m.seed, m.population, m.scenarios.has('status-changes'));
    const iso = new IsoFormatter();
    let page: TraceRecord[] = [];
    let p = lowerBound(m.planned, from);
    const lastDay = Math.min(m.days - 1, Math.floor((to - 1 - m.start) / DAY_MS));
    for (let day = Math.floor((from - m.start) / DAY_MS); day <= lastDay; day++) {
      const dayStart = m.start + day * DAY_MS;
      const dayKey = Math.floor(dayStart / 60_000);
      const { counts, times } = this.plan(day);
      const end = Math.min(to, dayStart + DAY_MS);
      for (let i = lowerBound(times, from), n = lowerBound(times, end); i <= n; i++) {
        // Incident messages received before this one (or before the end of the day) first.
        const next = i < n ? times[i] : end;
        while (p < m.planned.length && m.planned[p].time < next) writePlanned(m.planned[p++], iso, page);
        if (i === n) break;
        const time = times[i];
        if (late && time + lateDelay(m.seed, dayKey, i) > asOf) continue;
        writer.write(dayKey, i, time, counts[i], asOf, page);
        while (page.length >= m.pageSize) {
          // A message's rows may run past the page: the rest opens the next one.
          const rest = page.splice(m.pageSize);
          yield page;
          page = rest;
        }
      }
    }
    if (page.length > 0) yield page;
  }

  private plan(day: number): DayPlan {
    const m = this.model;
    let plan = m.plans.get(day);
    if (!plan) {
      const dayStart = m.start + day * DAY_MS;
      plan = planDay(m.seed, Math.floor(dayStart / 60_000), dayStart, m.dayRows[day], m.hours);
      m.plans.set(day, plan);
    }
    return plan;
  }
}

/** Incident messages show at once, with their final status. */
function writePlanned(message: SyntheticMessage, iso: IsoFormatter, out: TraceRecord[]): void {
  const received = iso.format(message.time);
  for (let k = 0; k < message.recipients.length; k++) {
    out.push({
      messageTraceId: message.traceId, messageId: message.messageId, received, senderAddress: message.sender,
      recipientAddress: message.recipients[k], subject: message.subject, status: message.statuses[k], size: message.size,
      fromIP: message.fromIp, toIP: message.toIps[k],
    });
  }
}

/** The first index whose time is at or after `time`. */
function lowerBound(items: Float64Array | readonly SyntheticMessage[], time: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const t = typeof items[mid] === 'number' ? (items[mid] as number) : (items[mid] as SyntheticMessage).time;
    if (t < time) lo = mid + 1; else hi = mid;
  }
  return lo;
}

function buildModel(options: SyntheticOptions): Model {
  const domains = options.domains.map((d) => d.trim().toLowerCase());
  if (domains.length === 0 || domains.some((d) => !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d))) {
    throw new Error(`synthetic trace: expected one or more tenant domains such as contoso.com, got ${JSON.stringify(options.domains)}`);
  }
  const days = options.days ?? 30;
  if (!Number.isInteger(days) || days < 1) throw new Error(`synthetic trace: days must be a whole number of at least 1, got ${days}`);
  const end = toTime(options.end, Math.floor(Date.now() / DAY_MS) * DAY_MS, 'end');
  const start = end - days * DAY_MS;
  const seed = (options.seed ?? 1) >>> 0;
  const scenarios = new Set(checkScenarios(options.scenarios ?? []));
  const rows = options.rows ?? DEFAULT_ROWS_PER_DAY * days;
  if (!Number.isInteger(rows) || rows < 0) throw new Error(`synthetic trace: rows must be a whole number, got ${rows}`);

  // Row budget per day: weekends a quarter of a working day; exactly `rows` in all.
  const weights = Array.from({ length: days }, (_, d) => {
    const weekday = new Date(start + d * DAY_MS + DAY_MS / 2).getUTCDay();
    return weekday === 0 || weekday === 6 ? 0.25 : 1;
  });
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const dayRows = weights.map((w) => Math.floor((rows * w) / totalWeight));
  dayRows[days - 1] += rows - dayRows.reduce((a, b) => a + b, 0);

  const lookalikes = scenarios.has('lookalike')
    ? options.lookalikeDomains ? givenLookalikes(options.lookalikeDomains) : defaultLookalikes(domains, new Random(streamSeed(seed, STREAM.lookalikeDomains)))
    : [];
  const population = new Population(seed, domains, options.mailboxes ?? DEFAULT_MAILBOXES, new Set(lookalikes.map((l) => l.domain)));
  // The hour of day is drawn relative to the day's start, which need not be midnight.
  const startHour = new Date(start).getUTCHours();
  const hours = new WeightedPicker(HOUR_WEIGHTS.map((_, h) => HOUR_WEIGHTS[(startHour + h) % 24]));

  const incidents: SyntheticIncidents = { exfiltration: [] };
  const planned: SyntheticMessage[] = [];
  if (scenarios.has('exfiltration')) {
    const plan = planExfiltration(new Random(streamSeed(seed, STREAM.exfiltration)), population, end - DAY_MS, rows / totalWeight, options.exfiltrators ?? 1);
    incidents.exfiltration = plan.incidents;
    planned.push(...plan.messages);
  }
  if (scenarios.has('lookalike')) {
    const plan = planLookalike(new Random(streamSeed(seed, STREAM.lookalike)), population, lookalikes, start, end);
    incidents.lookalike = plan.incident;
    planned.push(...plan.messages);
  }
  if (scenarios.has('late-arrivals')) incidents.lateArrivals = { messageShare: LATE_SHARE, maxDelayHours: MAX_LATE_HOURS };
  if (scenarios.has('status-changes')) incidents.statusChanges = { rowShare: CHANGE_SHARE, maxPendingHours: MAX_PENDING_HOURS };
  planned.sort((a, b) => a.time - b.time);
  return {
    [MODEL]: true, seed, start, end, days, dayRows, population, hours, scenarios, planned, incidents,
    pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE, plans: new Map(),
  };
}

function toTime(value: Date | string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const time = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(time)) throw new Error(`synthetic trace: ${name} is not a date: ${JSON.stringify(value)}`);
  return time;
}

