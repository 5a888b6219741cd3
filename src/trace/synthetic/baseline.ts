// Ordinary mail flow: messages internal (30%), inbound (34%) and outbound (36%), 1 to 20
// recipients each (about 1.9 on average), log-normal sizes (median ~30 KB), more mail in
// working hours; weekends are quieter through the day's row budget (source.ts).
// A day is planned as two small arrays (recipients per message, sorted received times);
// each message is then drawn from its own random stream when it is read, so that any
// window can be produced without the messages before it, and nothing is kept per message.
import type { TraceRecord } from '../record';
import { pickStatus } from './message';
import type { Population } from './population';
import { Random, streamSeed, type WeightedPicker } from './random';
import { pendingDelay, STREAM } from './scenarios';
import { guidText, IsoFormatter, messageIdText } from './text';
import { TOPICS } from './vocabulary';

export interface DayPlan {
  /** Recipients of each message; they add up to the day's row budget exactly. */
  counts: Uint8Array;
  /** Received time of each message, ascending. */
  times: Float64Array;
}

/** The messages of the day starting at `dayStart` with `rows` rows in all. */
export function planDay(seed: number, dayKey: number, dayStart: number, rows: number, hours: WeightedPicker): DayPlan {
  const random = new Random(streamSeed(seed, STREAM.counts, dayKey));
  const counts = new Uint8Array(rows);
  let n = 0;
  for (let total = 0; total < rows; n++) {
    const count = Math.min(recipientCount(random), rows - total);
    counts[n] = count;
    total += count;
  }
  random.reseed(streamSeed(seed, STREAM.times, dayKey));
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = dayStart + hours.pick(random) * 3_600_000 + random.int(3_600_000);
  times.sort();
  return { counts: counts.slice(0, n), times };
}

/** Writes the rows of ordinary messages as message trace shows them at a given moment. */
export class BaselineWriter {
  private readonly random = new Random(0);
  private readonly iso = new IsoFormatter();
  private readonly chosen: string[] = [];

  constructor(private readonly seed: number, private readonly p: Population, private readonly statusChanges: boolean) {}

  /** Appends the rows of message `index` of the day `dayKey`, each with its status at `asOf`. */
  write(dayKey: number, index: number, time: number, count: number, asOf: number, out: TraceRecord[]): void {
    const { random, p } = this;
    random.reseed(streamSeed(this.seed, STREAM.message, dayKey, index));
    const r = random.next();
    const inbound = r >= 0.30 && r < 0.64;
    const outbound = r >= 0.64;
    let sender: string;
    let fromIP: string;
    let host: string;
    if (inbound) {
      const s = p.externalSenderPicker.pick(random);
      sender = p.externalSenders[s];
      fromIP = p.externalSenderIps[s];
      host = p.externalSenderHosts[s];
    } else {
      sender = p.internalSenders[p.internalSenderPicker.pick(random)];
      fromIP = p.egressIps[random.int(p.egressIps.length)];
      host = p.serverHosts[random.int(p.serverHosts.length)];
    }
    const size = Math.min(150_000_000, Math.round(Math.exp(10.3 + 1.3 * random.normal())) + 800);
    const subject = random.next() < 0.2
      ? `${random.next() < 0.5 ? 'RE: ' : ''}Case #${random.range(100_000, 160_000)}: ${TOPICS[random.int(TOPICS.length)]}`
      : p.subjects[p.subjectPicker.pick(random)];
    const messageId = messageIdText(random.uint32(), random.uint32(), host);
    const messageTraceId = guidText(random.uint32(), random.uint32(), random.uint32(), random.uint32());
    const received = this.iso.format(time);

    const chosen = this.chosen;
    chosen.length = 0;
    for (let k = 0; k < count; k++) {
      let recipient = '';
      let toIP = '';
      // Redraw a recipient the message already has (a few times at most), so that the day's
      // row budget holds exactly.
      for (let attempt = 0; attempt < 8; attempt++) {
        if (outbound && random.next() < 0.9) {
          if (random.next() < 0.08) {
            const w = random.int(p.webmail.length);
            recipient = p.webmail[w];
            toIP = p.webmailIps[w];
          } else {
            const e = p.externalRecipientPicker.pick(random);
            recipient = p.externalRecipients[e];
            toIP = p.externalRecipientIps[e];
          }
        } else {
          recipient = p.mailboxes[p.mailboxPicker.pick(random)];
          toIP = inbound ? p.ingressIps[random.int(p.ingressIps.length)] : '';
        }
        if (!has(chosen, recipient)) break;
        recipient = '';
      }
      let status = pickStatus(random.next(), inbound);
      if (recipient === '') continue;
      chosen.push(recipient);
      if (this.statusChanges && (status === 'delivered' || status === 'failed')) {
        const delay = pendingDelay(this.seed, dayKey, index, k);
        if (delay > 0 && asOf < time + delay) status = 'pending';
      }
      out.push({ messageTraceId, messageId, received, senderAddress: sender, recipientAddress: recipient, subject, status, size, fromIP, toIP });
    }
  }
}

function has(items: readonly string[], item: string): boolean {
  for (let i = 0; i < items.length; i++) if (items[i] === item) return true;
  return false;
}

/** 1 recipient (70%), 2 (15%), 3-5 (10%), 6-20 (5%). */
function recipientCount(random: Random): number {
  const r = random.next();
  if (r < 0.70) return 1;
  if (r < 0.85) return 2;
  if (r < 0.95) return random.range(3, 5);
  return random.range(6, 20);
}
