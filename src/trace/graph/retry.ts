// When and how long to retry a Graph request.
import { RestError } from '@azure/core-rest-pipeline';

export interface RetryOptions {
  /** Attempts per request, the first included. */
  maxAttempts: number;
  /** Back-off before the second attempt when the server gives no Retry-After; doubles after. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 60_000 };

const RETRYABLE_STATUSES = new Set([429, 503, 504]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

const TRANSIENT_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENETUNREACH',
  'EHOSTUNREACH', 'ENETDOWN', 'UND_ERR_SOCKET',
  RestError.REQUEST_SEND_ERROR,
  // core-rest-pipeline reports a body cut off mid-stream as PARSE_ERROR ("Error reading response as text").
  RestError.PARSE_ERROR,
]);

/** A failure to talk to the server at all (as opposed to an answer we do not like). */
export function isTransientNetworkError(error: unknown): error is RestError {
  return error instanceof RestError && error.response === undefined && error.code !== undefined && TRANSIENT_CODES.has(error.code);
}

/**
 * The server's requested delay in ms, from `retry-after-ms` / `x-ms-retry-after-ms` or
 * `Retry-After` (delta-seconds or an HTTP date); undefined when absent or unreadable.
 */
export function parseRetryAfter(headers: { get(name: string): string | undefined }, now: number): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = headers.get(name)?.trim();
    if (value && /^\d+(\.\d+)?$/.test(value)) return Number(value);
  }
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential back-off with "equal jitter": half fixed, half random, so retries spread out. */
export function backoffDelay(attempt: number, options: RetryOptions, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}
