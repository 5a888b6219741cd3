// Errors a user can act on. Messages carry the status, Graph's own code and message, the
// request URL and what to do; never a header, a token or a secret.
import { MESSAGE_TRACE_APP_ID, MESSAGE_TRACE_PERMISSION } from './constants';

export type GraphTraceErrorReason =
  | 'window'        // the requested window cannot be read (before any request)
  | 'onboarding'    // 401: service principal missing or not yet propagated, or a bad token
  | 'forbidden'     // 403: permission or consent missing
  | 'bad-request'   // 400: Graph rejected the query
  | 'http'          // any other non-retryable status
  | 'retries'       // still failing (429/503/504/network) after the last attempt
  | 'network'       // could not reach the server (not retryable, or after the last attempt)
  | 'response'      // a 2xx body that is not a message trace page
  | 'credential';   // the credential produced no token

export interface GraphTraceErrorDetails {
  reason: GraphTraceErrorReason;
  status?: number;
  /** Graph's `error.code`, or the network error code. */
  code?: string;
  url?: string;
  attempts?: number;
}

export class GraphTraceError extends Error {
  readonly reason: GraphTraceErrorReason;
  readonly status?: number;
  readonly code?: string;
  readonly url?: string;
  readonly attempts?: number;

  constructor(message: string, details: GraphTraceErrorDetails) {
    super(message);
    this.name = 'GraphTraceError';
    this.reason = details.reason;
    this.status = details.status;
    this.code = details.code;
    this.url = details.url;
    this.attempts = details.attempts;
  }
}

export interface GraphErrorBody {
  code?: string;
  message?: string;
}

/** Graph's `{"error":{"code","message"}}`, or a short, printable excerpt of whatever came back. */
export function readGraphError(bodyText: string | null | undefined): GraphErrorBody {
  if (!bodyText) return {};
  try {
    const parsed: unknown = JSON.parse(bodyText);
    const error = (parsed as { error?: unknown } | null)?.error;
    if (error && typeof error === 'object') {
      const { code, message } = error as { code?: unknown; message?: unknown };
      return {
        code: typeof code === 'string' ? code : undefined,
        message: typeof message === 'string' ? excerpt(message) : undefined,
      };
    }
  } catch {
    // not JSON: fall through to the excerpt
  }
  return { message: excerpt(bodyText) };
}

function excerpt(text: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > 400 ? `${flat.slice(0, 400)}...` : flat;
}

const SERVICE_PRINCIPAL_LESS = /service principal-less authentication failed/i;

/** The error for a non-retryable HTTP answer. */
export function httpFailure(status: number, body: GraphErrorBody, url: string): GraphTraceError {
  const said = `${body.code ? `${body.code}: ` : ''}${body.message ?? '(no message)'}`;
  const details = { status, code: body.code, url };
  if (status === 401) {
    const onboarding =
      `the tenant must first create a service principal for the Exchange message trace app ` +
      `(app id ${MESSAGE_TRACE_APP_ID}), for example \`New-MgServicePrincipal -AppId ${MESSAGE_TRACE_APP_ID}\` ` +
      `or \`az ad sp create --id ${MESSAGE_TRACE_APP_ID}\`, and then wait for it to propagate, which can take hours`;
    const lead = SERVICE_PRINCIPAL_LESS.test(body.message ?? '')
      ? `Graph message trace is not yet enabled for this tenant: ${onboarding}.`
      : `Graph refused the token (401). If the tenant is new to Graph message trace, ${onboarding}. ` +
        `Otherwise check that the token is for Microsoft Graph (audience https://graph.microsoft.com or your cloud's Graph) and the right tenant.`;
    return new GraphTraceError(`${lead} Graph said: ${said} (GET ${url})`, { reason: 'onboarding', ...details });
  }
  if (status === 403) {
    return new GraphTraceError(
      `Graph denied access to message trace (403): the app or user needs the ${MESSAGE_TRACE_PERMISSION} permission ` +
        `(application or delegated) with admin consent granted. Graph said: ${said} (GET ${url})`,
      { reason: 'forbidden', ...details },
    );
  }
  if (status === 400) {
    return new GraphTraceError(`Graph rejected the message trace query (400): ${said} (GET ${url})`, { reason: 'bad-request', ...details });
  }
  return new GraphTraceError(`Graph answered ${status}: ${said} (GET ${url})`, { reason: 'http', ...details });
}
