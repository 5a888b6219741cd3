// Failures of sign-in, the Log Analytics query API and Resource Manager, in words a user can act
// on: which role to ask for, which setting to change. Never repeats a token.
import { httpFailure, redact } from '../../azure/errors';

/** Thrown by the credentials of ./credentials.ts: the message is already explained. */
export class SignInError extends Error {
  constructor(message: string) {
    super(redact(message));
    this.name = 'SignInError';
  }
}

export interface SignInContext {
  /** What the token is for, e.g. "the Log Analytics API". */
  resource: string;
  tenant?: string;
  clientId?: string;
}

/** Explains an error of vscode.authentication.getSession (AADSTS codes come through in its message). */
export function explainSignInFailure(error: unknown, context: SignInContext): string {
  const said = redact(error instanceof Error ? error.message : String(error));
  const app = context.clientId ? `the app registration ${context.clientId} (sentinelHunt.auth.clientId)` : "VS Code's own sign-in app";
  const tenant = context.tenant ? `tenant ${context.tenant}` : 'your tenant';
  if (/AADSTS65002/.test(said)) {
    return `Sign-in for ${context.resource} was refused (AADSTS65002): ${app} is not pre-authorized for it. `
      + 'Register an app in Microsoft Entra ID with the delegated API permission "Log Analytics API / Data.Read" (admin consent granted) '
      + 'and a "Mobile and desktop" redirect URI, then put its Application (client) ID in the setting sentinelHunt.auth.clientId '
      + `(or the connection's "clientId") and its tenant in sentinelHunt.auth.tenant. Service said: ${said}`;
  }
  if (/AADSTS65001/.test(said)) {
    return `Sign-in for ${context.resource} needs consent that ${tenant} has not given (AADSTS65001): ${app} has not been granted access to it. `
      + 'Ask a tenant administrator to grant admin consent for the app (Entra ID > Enterprise applications > the app > Permissions), '
      + `or use an app registration your organization has approved (sentinelHunt.auth.clientId). Service said: ${said}`;
  }
  if (/AADSTS50020|AADSTS90072|AADSTS50177/.test(said)) {
    return `The signed-in account is not a member of ${tenant}. Sign in with an account of that tenant, or correct the tenant (sentinelHunt.auth.tenant or the connection's "tenant"). Service said: ${said}`;
  }
  if (/AADSTS700016/.test(said)) {
    return `The app ${context.clientId ?? ''} was not found in ${tenant} (AADSTS700016): check sentinelHunt.auth.clientId and that the app is multi-tenant or registered in that tenant. Service said: ${said}`;
  }
  if (/cancel/i.test(said)) return `Sign-in to Microsoft was cancelled, so nothing was sent to ${context.resource}.`;
  return `Could not sign in to Microsoft for ${context.resource}: ${said}`;
}

interface ServiceErrorInfo {
  code?: string;
  message?: string;
  details?: ServiceErrorInfo[];
  innererror?: ServiceErrorInfo;
  line?: number;
  pos?: number;
}

/** The service's error and its inner errors, outermost first. */
function errorChain(error: unknown): ServiceErrorInfo[] {
  const details = (error as { details?: { error?: ServiceErrorInfo } } | undefined)?.details;
  const chain: ServiceErrorInfo[] = [];
  const walk = (info: ServiceErrorInfo | undefined, depth: number): void => {
    if (!info || typeof info !== 'object' || depth > 8) return;
    chain.push(info);
    for (const detail of Array.isArray(info.details) ? info.details : []) walk(detail, depth + 1);
    walk(info.innererror, depth + 1);
  };
  walk(details?.error, 0);
  return chain;
}

/** The service's messages, most specific last, as one line: "BadArgumentError: ... / SEM0100: 1:17: ...". */
export function serviceErrorText(error: unknown): string {
  const chain = errorChain(error);
  if (chain.length === 0) return redact(error instanceof Error ? error.message : String(error));
  const parts = chain.map((info) => {
    const where = typeof info.line === 'number' && typeof info.pos === 'number' ? `${info.line}:${info.pos + 1}: ` : '';
    return `${info.code ? `${info.code}: ` : ''}${where}${info.message ?? ''}`.trim();
  });
  return redact(parts.join(' / '));
}

/** The most specific message of the chain (for a query error, where the KQL is wrong). */
export function innermostMessage(error: unknown): string | undefined {
  const chain = errorChain(error);
  const last = chain[chain.length - 1];
  if (!last?.message) return undefined;
  const where = typeof last.line === 'number' && typeof last.pos === 'number' ? `${last.line}:${last.pos + 1}: ` : '';
  return redact(`${where}${last.message}`);
}

export interface QueryContext {
  workspaceId: string;
  endpoint: string;
  connectionName: string;
  tenant?: string;
  serverTimeoutSeconds?: number;
}

/** Explains a failed Log Analytics request (query or metadata). */
export function explainQueryFailure(error: unknown, context: QueryContext): string {
  if (error instanceof SignInError) return error.message;
  const failure = httpFailure(error);
  const said = serviceErrorText(error);
  const workspace = `Log Analytics workspace ${context.workspaceId} (connection "${context.connectionName}")`;
  switch (failure.status) {
    case undefined:
      if (!failure.restError) return redact(failure.message);
      return `Could not reach the Log Analytics query API at ${context.endpoint} (${failure.code ?? 'network error'}): ${redact(failure.message)}. Check the network or proxy, and the connection's endpoint (sovereign clouds have their own).`;
    case 400: {
      // The most specific message first: it says where the KQL is wrong (line:col when known).
      const inner = innermostMessage(error);
      return inner && inner !== said ? `${inner}\n(Log Analytics: ${said})` : `The query has an error: ${said}`;
    }
    case 401:
      return `Log Analytics did not accept the sign-in token (401) for ${workspace}. If the workspace belongs to another tenant than the account's home tenant, set the connection's "tenant" (or sentinelHunt.auth.tenant). ${said}`;
    case 403:
      return `You have no read access to ${workspace} (403). Ask for the "Log Analytics Reader" role (or "Microsoft Sentinel Reader", or Reader) on the workspace or its resource group, then run the query again; `
        + `if your access is through another tenant, set the connection's "tenant". Service said: ${said}`;
    case 404:
      return `There is no ${workspace} at ${context.endpoint} (404). Use the workspace ID (the GUID on the workspace's overview page), not its name, and check the connection's endpoint (sovereign clouds differ). ${said}`;
    case 408: case 504:
      return `The query ran longer than the server allows (${context.serverTimeoutSeconds ?? 180} s, sentinelHunt.queryTimeoutSeconds, at most 600 s): narrow the time range or summarize earlier. ${said}`;
    case 429: {
      const retry = failure.header('retry-after');
      return `Log Analytics is throttling your queries (429: at most 5 at once and 200 per 30 seconds per user).${retry ? ` Try again in ${retry} s.` : ' Try again shortly.'} ${said}`;
    }
    default:
      return `Log Analytics failed to run the query (HTTP ${failure.status}): ${said}`;
  }
}
