// Incidents and service behaviour the synthetic source can switch on by name:
//  - exfiltration: one internal sender (or more) mails hundreds of messages out of the tenant
//    on the last day, far above their own history and the tenant's usual per-sender volume;
//  - lookalike: inbound mail from senders on lookalike domains of the tenant's domains;
//  - late-arrivals: some messages show in message trace only hours (up to 24) after receipt;
//  - status-changes: some rows read `pending` first and `delivered` or `failed` later.
// Incidents are planned once from the seed, apart from the ordinary mail (baseline.ts), and
// add their rows to it; the last two only change when ordinary rows become visible and how.
import { DAY_MS, HOUR_MS, type SyntheticMessage } from './message';
import { domainOf, type Population } from './population';
import { unitHash, type Random } from './random';
import { guidText } from './text';
import type { LookalikeDomain } from './lookalike';
import { EXFIL_SUBJECTS, PHISH_LOCALS, PHISH_SUBJECTS, SYSTEM_LOCALS, WEBMAIL_DOMAINS } from './vocabulary';

export const SCENARIOS = ['exfiltration', 'lookalike', 'late-arrivals', 'status-changes'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export function checkScenarios(names: readonly string[]): ScenarioName[] {
  for (const name of names) {
    if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`unknown scenario ${JSON.stringify(name)}; known: ${SCENARIOS.join(', ')}`);
  }
  return [...new Set(names)] as ScenarioName[];
}

export interface ExfiltrationIncident {
  sender: string;
  /** The burst: first and last received time (ISO 8601 UTC). */
  first: string;
  last: string;
  messages: number;
  rows: number;
  /** The outside addresses the mail went to. */
  recipients: string[];
}

export interface LookalikeIncident {
  domains: LookalikeDomain[];
  /** Sender addresses on those domains. */
  senders: string[];
  /** Internal recipients that got their mail. */
  recipients: string[];
  messages: number;
  rows: number;
}

/** Share of messages that arrive late, and share of rows that go through `pending`. */
export const LATE_SHARE = 0.03;
export const CHANGE_SHARE = 0.04;
export const MAX_LATE_HOURS = 24;
export const MAX_PENDING_HOURS = 12;

/**
 * The burst of each exfiltrating sender on the last day [lastDayStart, lastDayStart + 24 h).
 * `typicalRows` is the row budget of an ordinary working day; a burst is about 5% of it.
 */
export function planExfiltration(random: Random, p: Population, lastDayStart: number, typicalRows: number, senders: number): { incidents: ExfiltrationIncident[]; messages: SyntheticMessage[] } {
  const candidates = p.internalSenders.filter((a, rank) => rank >= Math.min(100, p.internalSenders.length >> 2) && !SYSTEM_LOCALS.includes(a.slice(0, a.indexOf('@'))));
  const chosen = new Set<string>();
  const incidents: ExfiltrationIncident[] = [];
  const messages: SyntheticMessage[] = [];
  for (let n = 0; n < senders && chosen.size < candidates.length; n++) {
    // Senders of rank 100-600 of the zipf: a few messages a day of their own.
    let sender = candidates[random.int(Math.min(candidates.length, 500))];
    while (chosen.has(sender)) sender = candidates[random.int(candidates.length)];
    chosen.add(sender);
    const local = sender.slice(0, sender.indexOf('@'));
    // Personal addresses of the sender's own, which no ordinary mail goes to.
    const name = local.replace(/\d+$/, '');
    const drops = [
      `${name}.${random.range(70, 99)}@${WEBMAIL_DOMAINS[random.int(3)]}`,
      `${name.replace('.', '_')}.backup@${WEBMAIL_DOMAINS[3 + random.int(3)]}`,
      `${name[0]}${name.slice(name.indexOf('.') + 1)}${random.range(1, 9)}@proton.me`,
    ];
    const count = Math.max(30, Math.round(typicalRows * 0.025));
    const start = lastDayStart + random.range(16, 19) * HOUR_MS + random.int(HOUR_MS);
    const times = Array.from({ length: count }, () => Math.min(lastDayStart + DAY_MS - 1, start + random.int(3 * HOUR_MS))).sort((a, b) => a - b);
    const used = new Set<string>();
    let rows = 0;
    for (let i = 0; i < count; i++) {
      const recipients = [...new Set(Array.from({ length: random.range(1, 3) }, () => drops[random.int(drops.length)]))];
      recipients.forEach((r) => used.add(r));
      rows += recipients.length;
      messages.push({
        time: times[i], sender, recipients,
        toIps: recipients.map((r) => p.ipOf(domainOf(r))),
        statuses: recipients.map(() => 'delivered'),
        subject: random.pick(EXFIL_SUBJECTS),
        size: Math.min(150_000_000, Math.round(Math.exp(12.5 + 0.9 * random.normal()))),
        fromIp: p.egressIps[random.int(p.egressIps.length)],
        messageId: `<${hexText(random, 4).toUpperCase()}@${sender.slice(sender.indexOf('@') + 1)}>`,
        traceId: guidText(random.uint32(), random.uint32(), random.uint32(), random.uint32()),
      });
    }
    incidents.push({
      sender, first: new Date(times[0]).toISOString(), last: new Date(times[count - 1]).toISOString(), messages: count, rows,
      recipients: [...used].sort(),
    });
  }
  return { incidents, messages };
}

/** A few messages from each lookalike domain over the last week, to the imitated domain's people. */
export function planLookalike(random: Random, p: Population, domains: LookalikeDomain[], periodStart: number, periodEnd: number): { incident: LookalikeIncident; messages: SyntheticMessage[] } {
  const messages: SyntheticMessage[] = [];
  const senders = new Set<string>();
  const recipientsUsed = new Set<string>();
  const firstDay = Math.max(periodStart, periodEnd - 7 * DAY_MS);
  const days = Math.max(1, Math.floor((periodEnd - firstDay) / DAY_MS));
  let rows = 0;
  for (const lookalike of domains) {
    const targets = p.mailboxes.filter((m) => lookalike.original === undefined || domainOf(m) === lookalike.original).slice(0, 200);
    const pool = targets.length > 0 ? targets : p.mailboxes.slice(0, 200);
    // One sender imitates a real mailbox's name, another a service account.
    const imitated = p.internalSenders[random.int(Math.min(50, p.internalSenders.length))];
    const fromDomain = [`${imitated.slice(0, imitated.indexOf('@'))}@${lookalike.domain}`, `${random.pick(PHISH_LOCALS)}@${lookalike.domain}`];
    const count = random.range(2, 5);
    for (let i = 0; i < count; i++) {
      const sender = fromDomain[i % 2];
      senders.add(sender);
      const time = Math.min(periodEnd - 1, firstDay + random.int(days) * DAY_MS + random.range(7, 17) * HOUR_MS + random.int(HOUR_MS));
      const recipients = [...new Set(Array.from({ length: random.range(1, 3) }, () => pool[random.int(pool.length)]))];
      recipients.forEach((r) => recipientsUsed.add(r));
      rows += recipients.length;
      const u = random.next();
      messages.push({
        time, sender, recipients,
        toIps: recipients.map(() => p.ingressIps[random.int(p.ingressIps.length)]),
        statuses: recipients.map(() => (u < 0.7 ? 'delivered' : u < 0.85 ? 'quarantined' : 'filteredAsSpam')),
        subject: random.pick(PHISH_SUBJECTS),
        size: Math.round(Math.exp(10 + 0.8 * random.normal())) + 2_000,
        fromIp: p.ipOf(lookalike.domain),
        messageId: `<${hexText(random, 5)}@mail.${lookalike.domain}>`,
        traceId: guidText(random.uint32(), random.uint32(), random.uint32(), random.uint32()),
      });
    }
  }
  messages.sort((a, b) => a.time - b.time);
  return {
    incident: { domains, senders: [...senders].sort(), recipients: [...recipientsUsed].sort(), messages: messages.length, rows },
    messages,
  };
}

/** Random streams of the source, by concern (with the seed and a day, a message, a recipient). */
export const STREAM = { counts: 1, times: 2, message: 3, late: 4, lateDelay: 5, change: 6, changeDelay: 7, lookalikeDomains: 8, exfiltration: 9, lookalike: 10 } as const;

/**
 * How long after receipt message `index` of a day shows in message trace: 0 for most, 10
 * minutes to 24 hours (mostly a few hours) for LATE_SHARE of them.
 */
export function lateDelay(seed: number, dayKey: number, index: number): number {
  if (unitHash(seed, STREAM.late, dayKey, index) >= LATE_SHARE) return 0;
  const u = unitHash(seed, STREAM.lateDelay, dayKey, index);
  return Math.min(MAX_LATE_HOURS * HOUR_MS, 10 * 60_000 - Math.log(1 - u) * 3 * HOUR_MS);
}

/**
 * How long recipient `k` of message `index` reads `pending` before its final status: 0 for
 * most, a minute to 12 hours (mostly under two) for CHANGE_SHARE of them.
 */
export function pendingDelay(seed: number, dayKey: number, index: number, k: number): number {
  if (unitHash(seed, STREAM.change, dayKey, index, k) >= CHANGE_SHARE) return 0;
  const u = unitHash(seed, STREAM.changeDelay, dayKey, index, k);
  return Math.min(MAX_PENDING_HOURS * HOUR_MS, 60_000 - Math.log(1 - u) * HOUR_MS);
}

function hexText(random: Random, words: number): string {
  let text = '';
  for (let i = 0; i < words; i++) text += (random.uint32() + 0x100000000).toString(16).slice(1);
  return text;
}
