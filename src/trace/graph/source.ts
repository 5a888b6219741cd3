// Message trace from Microsoft Graph: GET {endpoint}/v1.0/admin/exchange/tracing/messageTraces.
import type { TokenCredential } from '@azure/core-auth';
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import type { ReadOptions, TraceRecord, TraceSource, TraceWindow } from '../record';
import { type Clock, systemClock } from './clock';
import { DEFAULT_TOP, GRAPH_ENDPOINT, GRAPH_SCOPE, GRAPH_TRACE_BUDGET, MAX_TOP, MESSAGE_TRACES_PATH } from './constants';
import { GraphTraceError } from './errors';
import { mapGraphItem } from './map';
import { type RequestBudget, type RequestLimiter, SlidingWindowLimiter } from './rate-limiter';
import { GraphRequester, type RequestCounters } from './requester';
import { DEFAULT_RETRY, type RetryOptions } from './retry';
import { type GraphSpan, planGraphSpans, spanFilter } from './windows';

export interface GraphTraceSourceOptions {
  credential: TokenCredential;
  /** Graph's origin; default https://graph.microsoft.com. Override for other clouds and tests. */
  endpoint?: string;
  /** Token scope; default https://graph.microsoft.com/.default whatever the endpoint. */
  scope?: string;
  /** Page size, 1-5000; default 5000. */
  top?: number;
  /** Default 100 requests per 5 minutes (Graph's per-tenant budget). Ignored when `limiter` is given. */
  budget?: RequestBudget;
  /** Share one limiter between everything that calls message trace for the same tenant. */
  limiter?: RequestLimiter;
  retry?: Partial<RetryOptions>;
  clock?: Clock;
  /** For back-off jitter; default Math.random. */
  random?: () => number;
  httpClient?: HttpClient;
  /** Per HTTP attempt; default 120 s, 0 disables. */
  requestTimeoutMs?: number;
}

export interface GraphTraceStats extends RequestCounters {
  /** Graph queries (spans of at most 10 days) started. */
  windows: number;
  pages: number;
  /** Rows yielded. */
  rows: number;
  /** Items handed to onReject. */
  rejected: number;
}

interface GraphPage {
  value: unknown[];
  nextLink?: string;
}

export class GraphTraceSource implements TraceSource {
  readonly kind = 'graph' as const;
  readonly windowed = true;
  readonly endpoint: string;
  private readonly top: number;
  private readonly clock: Clock;
  private readonly requester: GraphRequester;
  private readonly counts = { windows: 0, pages: 0, rows: 0, rejected: 0 };

  constructor(options: GraphTraceSourceOptions) {
    this.endpoint = checkEndpoint(options.endpoint ?? GRAPH_ENDPOINT);
    this.top = options.top ?? DEFAULT_TOP;
    if (!Number.isInteger(this.top) || this.top < 1 || this.top > MAX_TOP) throw new RangeError(`top must be an integer from 1 to ${MAX_TOP}, not ${options.top}`);
    this.clock = options.clock ?? systemClock;
    const retry = { ...DEFAULT_RETRY, ...options.retry };
    if (!Number.isInteger(retry.maxAttempts) || retry.maxAttempts < 1) throw new RangeError(`retry.maxAttempts must be a positive integer, not ${retry.maxAttempts}`);
    this.requester = new GraphRequester({
      credential: options.credential,
      scope: options.scope ?? GRAPH_SCOPE,
      clock: this.clock,
      limiter: options.limiter ?? new SlidingWindowLimiter(options.budget ?? GRAPH_TRACE_BUDGET, this.clock),
      retry,
      random: options.random ?? Math.random,
      httpClient: options.httpClient ?? createDefaultHttpClient(),
      requestTimeoutMs: options.requestTimeoutMs ?? 120_000,
    });
  }

  /** Totals since this source was created (for the ingestion summary). */
  get stats(): GraphTraceStats {
    return { ...this.counts, ...this.requester.counters };
  }

  /** Throws if Graph cannot answer for this window (more than 90 days back ...); sends nothing. */
  validate(window: TraceWindow): void {
    this.plan(window);
  }

  /** The Graph queries `read` would make, validating the window; sends nothing. */
  plan(window: TraceWindow): GraphSpan[] {
    return planGraphSpans(window, this.clock.now());
  }

  async *read(window: TraceWindow, options: ReadOptions = {}): AsyncIterable<TraceRecord[]> {
    const spans = this.plan(window);
    for (const span of spans) {
      this.counts.windows++;
      const keepFrom = span.keepStart.getTime();
      const keepUntil = span.keepEnd.getTime();
      let url: string | undefined = this.firstPageUrl(span);
      let fetching = this.fetchPage(url, options.signal);
      while (url !== undefined) {
        const pageUrl: string = url;
        const page = await fetching;
        this.counts.pages++;
        // The next page is asked for now, before this one is read and handed on: pages come one
        // request after another, and Graph's budget counts its slots from when they went. A bad
        // link fails the read after this page's rows, as before.
        let badLink: unknown;
        try {
          url = this.nextUrl(page.nextLink, pageUrl);
        } catch (error) {
          badLink = error;
          url = undefined;
        }
        if (url !== undefined) fetching = this.fetchPage(url, options.signal);
        const records: TraceRecord[] = [];
        page.value.forEach((item, index) => {
          const mapped = mapGraphItem(item);
          if ('error' in mapped) {
            this.counts.rejected++;
            options.onReject?.({ where: pageUrl, line: index + 1, message: `message trace item ${index + 1}: ${mapped.error}` });
          } else if (mapped.ms >= keepFrom && mapped.ms < keepUntil) {
            records.push(mapped.record);
          }
        });
        this.counts.rows += records.length;
        if (records.length > 0) yield records;
        if (badLink !== undefined) throw badLink;
      }
    }
  }

  /** A page, being fetched; a failure is seen when it is awaited (not at all if the read stops first). */
  private fetchPage(url: string, signal: AbortSignal | undefined): Promise<GraphPage> {
    const page = this.requester.getJson(url, signal).then((body) => readPage(body, url));
    page.catch(() => undefined);
    return page;
  }

  private firstPageUrl(span: GraphSpan): string {
    return `${this.endpoint}${MESSAGE_TRACES_PATH}?$filter=${encodeURIComponent(spanFilter(span))}&$top=${this.top}`;
  }

  /** Follows @odata.nextLink only on the endpoint's own origin: the token goes with it. */
  private nextUrl(nextLink: string | undefined, current: string): string | undefined {
    if (nextLink === undefined) return undefined;
    let next: URL;
    try {
      next = new URL(nextLink);
    } catch {
      throw new GraphTraceError(`Graph returned an @odata.nextLink that is not a URL (GET ${current})`, { reason: 'response', url: current });
    }
    if (next.origin !== new URL(this.endpoint).origin) {
      throw new GraphTraceError(`Graph returned an @odata.nextLink on another origin (${next.origin}); not sending the token there (GET ${current})`, { reason: 'response', url: current });
    }
    if (next.href === current) throw new GraphTraceError(`Graph returned an @odata.nextLink to the same page (GET ${current})`, { reason: 'response', url: current });
    return next.href;
  }
}

function readPage(body: unknown, url: string): GraphPage {
  const page = body as { value?: unknown; '@odata.nextLink'?: unknown } | null;
  if (page === null || typeof page !== 'object' || !Array.isArray(page.value)) {
    throw new GraphTraceError(`Graph answered with a body that is not a message trace page (no "value" array) (GET ${url})`, { reason: 'response', url });
  }
  const nextLink = page['@odata.nextLink'];
  if (nextLink !== undefined && nextLink !== null && typeof nextLink !== 'string') {
    throw new GraphTraceError(`Graph answered with an @odata.nextLink that is not a string (GET ${url})`, { reason: 'response', url });
  }
  return { value: page.value, nextLink: nextLink ?? undefined };
}

function checkEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new RangeError(`the Graph endpoint ${JSON.stringify(endpoint)} is not a URL`);
  }
  if (url.protocol !== 'https:') throw new RangeError(`the Graph endpoint must use https (a bearer token is sent to it), not ${url.protocol}`);
  if (url.search || url.hash) throw new RangeError(`the Graph endpoint must not have a query or fragment: ${endpoint}`);
  return url.href.replace(/\/+$/, '');
}
