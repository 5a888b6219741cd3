// Errors of the Azure side that a user can act on. Messages name what to fix (a role, a flag,
// the stream declaration) and carry the service's own message, never a token or a secret.

export type AzureFailureKind =
  | 'unauthorized' | 'forbidden' | 'not-found' | 'bad-request' | 'too-large'
  | 'throttled' | 'server' | 'network' | 'aborted' | 'config' | 'reconcile';

export class AzureError extends Error {
  constructor(message: string, readonly kind: AzureFailureKind, readonly status?: number) {
    super(redact(message));
    this.name = 'AzureError';
  }
}

/** What an HTTP failure from an Azure SDK or pipeline call looked like. */
export interface HttpFailure {
  /** A RestError of the Azure pipeline: the request was built and handed to the HTTP client. */
  restError: boolean;
  /** HTTP status, when the service answered. */
  status?: number;
  /** The service's error code, or a system error code (ECONNRESET ...) when it did not answer. */
  code?: string;
  /** The service's message, or the system error's. */
  message: string;
  /** Response headers, when the service answered. */
  header(name: string): string | undefined;
}

interface RestErrorLike {
  name?: string;
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { headers?: { get(name: string): string | undefined } };
}

/** Reads a RestError (core-rest-pipeline, core-client) or any thrown value. */
export function httpFailure(error: unknown): HttpFailure {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as RestErrorLike;
  const headers = e.response?.headers;
  return {
    restError: e.name === 'RestError',
    status: typeof e.statusCode === 'number' ? e.statusCode : undefined,
    code: typeof e.code === 'string' ? e.code : undefined,
    message: typeof e.message === 'string' ? e.message : String(error),
    header: (name) => headers?.get(name) ?? undefined,
  };
}

/** The service's message in a form fit for the user: no credentials, one line, bounded. */
export function serviceMessage(failure: HttpFailure): string {
  const code = failure.code && failure.status !== undefined ? `${failure.code}: ` : '';
  const text = `${code}${failure.message}`.replace(/\s+/g, ' ').trim();
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

/** Connection failures after which nobody knows whether the service received the request. */
const AMBIGUOUS_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EPIPE', 'ECONNABORTED', 'REQUEST_SEND_ERROR', 'UND_ERR_SOCKET']);
/** Connection failures before anything was sent: safe to try again. */
const UNSENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** No HTTP answer: the connection failed. `ambiguous` when the request may have arrived. */
export function connectionFailure(failure: HttpFailure): { ambiguous: boolean; retryable: boolean } | undefined {
  if (failure.status !== undefined) return undefined;
  // A credential that could not get a token, a bug: nothing was sent, and trying again will not help.
  if (!failure.restError) return { ambiguous: false, retryable: false };
  const code = failure.code ?? '';
  if (UNSENT_CODES.has(code)) return { ambiguous: false, retryable: true };
  if (AMBIGUOUS_CODES.has(code) || /socket hang up|aborted|terminated|closed/i.test(failure.message)) return { ambiguous: true, retryable: true };
  // Certificates, protocol errors and the like do not heal by trying again.
  return { ambiguous: false, retryable: false };
}

/** Removes bearer tokens, JWTs and SAS signatures from text shown to users. */
export function redact(text: string): string {
  return text
    .replace(/Bearer\s+[A-Za-z0-9._~+/=-]+/gi, 'Bearer [redacted]')
    .replace(/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '[token]')
    .replace(/([?&](?:sig|code|client_secret|access_token)=)[^&\s"']+/gi, '$1[redacted]');
}
