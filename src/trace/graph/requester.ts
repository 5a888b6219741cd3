// One logical GET against Graph: wait for the request budget, send through the SDK pipeline,
// retry 429/503/504 and network failures (Retry-After first, else jittered back-off), and turn
// everything else into a GraphTraceError. Honours the AbortSignal at every wait.
import type { TokenCredential } from '@azure/core-auth';
import { createHttpHeaders, createPipelineRequest, type HttpClient, type Pipeline, type PipelineResponse } from '@azure/core-rest-pipeline';
import { abortReason, type Clock, throwIfAborted } from './clock';
import { GRAPH_TRACE_BUDGET } from './constants';
import { GraphTraceError, httpFailure, readGraphError } from './errors';
import { createGraphPipeline, CredentialFailure } from './pipeline';
import type { RequestLimiter } from './rate-limiter';
import { backoffDelay, isRetryableStatus, isTransientNetworkError, parseRetryAfter, type RetryOptions } from './retry';

export interface RequestCounters {
  /** HTTP requests sent, retries included (a token failure sends none). */
  requests: number;
  /** Requests that were repeats of a failed one. */
  retries: number;
  /** 429 answers received. */
  throttled: number;
  /** Milliseconds spent waiting for the request budget (not counting retry back-off). */
  budgetWaitMs: number;
}

export interface GraphRequesterOptions {
  credential: TokenCredential;
  scope: string;
  clock: Clock;
  limiter: RequestLimiter;
  retry: RetryOptions;
  random: () => number;
  httpClient: HttpClient;
  /** Per attempt; 0 disables. */
  requestTimeoutMs: number;
}

export class GraphRequester {
  readonly counters: RequestCounters = { requests: 0, retries: 0, throttled: 0, budgetWaitMs: 0 };
  private readonly pipeline: Pipeline;

  constructor(private readonly options: GraphRequesterOptions) {
    this.pipeline = createGraphPipeline(options.credential, options.scope, () => this.counters.requests++);
  }

  async getJson(url: string, signal?: AbortSignal): Promise<unknown> {
    const { clock, retry, random } = this.options;
    for (let attempt = 1; ; attempt++) {
      throwIfAborted(signal);
      this.counters.budgetWaitMs += await this.options.limiter.acquire(signal);
      let response: PipelineResponse;
      try {
        response = await this.send(url, signal);
      } catch (error) {
        this.throwUnlessRetryable(error, url, attempt, signal);
        this.counters.retries++;
        await clock.sleep(backoffDelay(attempt, retry, random), signal);
        continue;
      }
      if (response.status >= 200 && response.status < 300) return parseBody(response, url);
      if (!isRetryableStatus(response.status)) throw httpFailure(response.status, readGraphError(response.bodyAsText), url);
      if (response.status === 429) this.counters.throttled++;
      if (attempt >= retry.maxAttempts) throw gaveUp(response, url, attempt);
      this.counters.retries++;
      await clock.sleep(parseRetryAfter(response.headers, clock.now()) ?? backoffDelay(attempt, retry, random), signal);
    }
  }

  private send(url: string, signal: AbortSignal | undefined): Promise<PipelineResponse> {
    const request = createPipelineRequest({
      url,
      method: 'GET',
      headers: createHttpHeaders({ Accept: 'application/json', Prefer: 'include-unknown-enum-members' }),
      abortSignal: signal,
      timeout: this.options.requestTimeoutMs,
    });
    return this.pipeline.sendRequest(this.options.httpClient, request);
  }

  /** Returns when the failure is worth another attempt; throws otherwise. */
  private throwUnlessRetryable(error: unknown, url: string, attempt: number, signal: AbortSignal | undefined): void {
    if (signal?.aborted) throw abortReason(signal);
    if (error instanceof CredentialFailure) {
      throw new GraphTraceError(`could not get an access token for ${this.options.scope}: ${error.message}`, { reason: 'credential', url });
    }
    const timedOut = error instanceof Error && error.name === 'AbortError';
    const code = timedOut ? 'ETIMEDOUT' : (error as { code?: string }).code;
    const what = timedOut ? `no answer within ${this.options.requestTimeoutMs} ms` : error instanceof Error ? error.message : String(error);
    const retryable = timedOut || isTransientNetworkError(error);
    if (retryable && attempt < this.options.retry.maxAttempts) return;
    const after = retryable ? ` after ${attempt} attempts` : '';
    throw new GraphTraceError(`could not reach Graph${after}: ${code ? `${code} ` : ''}${what} (GET ${url})`, {
      reason: retryable ? 'retries' : 'network', code, url, attempts: attempt,
    });
  }
}

function parseBody(response: PipelineResponse, url: string): unknown {
  try {
    return JSON.parse(response.bodyAsText ?? '');
  } catch {
    throw new GraphTraceError(`Graph answered ${response.status} with a body that is not JSON (GET ${url})`, {
      reason: 'response', status: response.status, url,
    });
  }
}

function gaveUp(response: PipelineResponse, url: string, attempts: number): GraphTraceError {
  const body = readGraphError(response.bodyAsText);
  const said = `${body.code ? `${body.code}: ` : ''}${body.message ?? '(no message)'}`;
  const hint = response.status === 429
    ? `; the tenant's budget (${GRAPH_TRACE_BUDGET.limit} requests per ${GRAPH_TRACE_BUDGET.intervalMs / 60_000} minutes) is shared with every other app reading message trace`
    : '';
  return new GraphTraceError(`Graph still answered ${response.status} after ${attempts} attempts${hint}. Graph said: ${said} (GET ${url})`, {
    reason: 'retries', status: response.status, code: body.code, url, attempts,
  });
}
