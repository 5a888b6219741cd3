// A message an incident adds (scenarios.ts): a row per recipient once read. Ordinary mail is
// not kept as objects (baseline.ts).
import type { TraceStatus } from '../record';

export interface SyntheticMessage {
  /** Received, milliseconds since the epoch. */
  time: number;
  sender: string;
  recipients: string[];
  /** Per recipient. */
  toIps: string[];
  /** Per recipient: the final status. */
  statuses: TraceStatus[];
  subject: string;
  size: number;
  fromIp: string;
  messageId: string;
  traceId: string;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

const INBOUND_STATUS: [TraceStatus, number][] = [['delivered', 0.84], ['filteredAsSpam', 0.07], ['quarantined', 0.03], ['failed', 0.02], ['pending', 0.01], ['expanded', 0.02], ['gettingStatus', 0.01]];
const OUTGOING_STATUS: [TraceStatus, number][] = [['delivered', 0.93], ['failed', 0.02], ['pending', 0.02], ['expanded', 0.02], ['gettingStatus', 0.01]];

export function pickStatus(u: number, inbound: boolean): TraceStatus {
  const table = inbound ? INBOUND_STATUS : OUTGOING_STATUS;
  for (const [status, p] of table) {
    if (u < p) return status;
    u -= p;
  }
  return 'delivered';
}
