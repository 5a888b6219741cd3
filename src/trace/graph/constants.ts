// Fixed facts about Graph message trace (v1.0); see ../shared/notes/azure-apis.md.

export const GRAPH_ENDPOINT = 'https://graph.microsoft.com';
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
export const MESSAGE_TRACES_PATH = '/v1.0/admin/exchange/tracing/messageTraces';

const DAY_MS = 24 * 60 * 60 * 1000;
/** One query may span at most 10 days ... */
export const MAX_SPAN_MS = 10 * DAY_MS;
/** ... and start at most 90 days before now. */
export const MAX_LOOKBACK_MS = 90 * DAY_MS;

export const MAX_TOP = 5000;
export const DEFAULT_TOP = 5000;

/** Per tenant, shared by trace and detail calls. */
export const GRAPH_TRACE_BUDGET = { limit: 100, intervalMs: 5 * 60 * 1000 } as const;

/** The first-party app a tenant must have a service principal for before message trace answers. */
export const MESSAGE_TRACE_APP_ID = '8bd644d1-64a1-4d4b-ae52-2e0cbf64e373';
export const MESSAGE_TRACE_PERMISSION = 'ExchangeMessageTrace.Read.All';
