// When to try an Azure request again and how long to wait. The SDK's own retry policy is turned
// off for uploads (it would resend after a dropped connection without telling anyone, and it
// honours any Retry-After, however long): the sink decides here, and says what it did.
import { connectionFailure, type HttpFailure } from './errors';

export interface RetryOptions {
  /** Attempts after the first; default 5. */
  maxRetries: number;
  /** First backoff delay, doubled at each retry (with jitter); default 1 s. */
  baseDelayMs: number;
  /** Longest backoff delay; default 60 s. */
  maxDelayMs: number;
  /** Longest Retry-After honoured; a longer one stops the run (run it again later); default 5 min. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: Readonly<RetryOptions> = { maxRetries: 5, baseDelayMs: 1000, maxDelayMs: 60_000, maxRetryAfterMs: 300_000 };

export function retryOptions(partial: Partial<RetryOptions> = {}): RetryOptions {
  const options = { ...DEFAULT_RETRY, ...partial };
  for (const [name, value] of Object.entries(options)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`retry option ${name} must be a number >= 0, not ${value}`);
  }
  return options;
}

export type RetryDecision =
  | { retry: true; delayMs: number; reason: string; ambiguous: boolean }
  | { retry: false; reason: string; ambiguous: boolean };

/** What to do after the `attempt`-th retry (0 for the first try) failed with `failure`. */
export function decideRetry(failure: HttpFailure, attempt: number, options: RetryOptions, now = Date.now()): RetryDecision {
  const status = failure.status;
  const connection = connectionFailure(failure);
  const ambiguous = connection?.ambiguous ?? false;
  const transient = status === 429 || status === 408 || (status !== undefined && status >= 500 && status !== 501 && status !== 505) || connection?.retryable === true;
  const reason = status !== undefined ? `HTTP ${status}` : `connection failed (${failure.code ?? failure.message})`;
  if (!transient) return { retry: false, reason, ambiguous };
  if (attempt >= options.maxRetries) return { retry: false, reason: `${reason}, ${options.maxRetries} retries spent`, ambiguous };
  const asked = status === 429 || status === 503 ? retryAfterMs(failure, now) : undefined;
  if (asked !== undefined && asked > options.maxRetryAfterMs) {
    return { retry: false, reason: `${reason} asking to wait ${Math.ceil(asked / 1000)} s (longer than ${Math.ceil(options.maxRetryAfterMs / 1000)} s)`, ambiguous };
  }
  return { retry: true, delayMs: asked ?? backoffMs(attempt, options), reason, ambiguous };
}

/** The wait a 429 or 503 asks for: retry-after-ms, x-ms-retry-after-ms or Retry-After (seconds or an HTTP date). */
export function retryAfterMs(failure: HttpFailure, now = Date.now()): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = Number(failure.header(name));
    if (failure.header(name) !== undefined && Number.isFinite(value) && value >= 0) return value;
  }
  const header = failure.header('retry-after')?.trim();
  if (!header) return undefined;
  if (/^\d+(\.\d+)?$/.test(header)) return Number(header) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with ±20% jitter, capped. */
export function backoffMs(attempt: number, options: RetryOptions, random = Math.random): number {
  const plain = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.min(options.maxDelayMs, Math.round(plain * (0.8 + 0.4 * random())));
}

/** Waits `ms`; rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
