export { type Clock, systemClock } from './clock';
export {
  GRAPH_ENDPOINT, GRAPH_SCOPE, GRAPH_TRACE_BUDGET, MAX_LOOKBACK_MS, MAX_SPAN_MS, MAX_TOP, MESSAGE_TRACE_APP_ID,
} from './constants';
export { GraphTraceError, type GraphTraceErrorReason } from './errors';
export { type RequestBudget, type RequestLimiter, SlidingWindowLimiter } from './rate-limiter';
export { DEFAULT_RETRY, type RetryOptions } from './retry';
export { GraphTraceSource, type GraphTraceSourceOptions, type GraphTraceStats } from './source';
export { type GraphSpan, planGraphSpans } from './windows';
