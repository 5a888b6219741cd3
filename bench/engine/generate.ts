// A synthetic Exchange Online message trace in the `classic` profile (EmailEvents_CL), one
// row per (message, recipient), deterministic for a seed. Shape:
//  - two tenant domains (contoso.com, fabrikam.com), ~33,000 mailboxes; ~3,500 of them send;
//  - ~1,500 external senders on ~2,000 external domains, ~120 more on lookalike domains;
//  - ~17,000 external recipient addresses: about a third of the rows go out of the tenant;
//  - messages internal, inbound and outbound, 1 to 20 recipients each (about 2 on average);
//  - 30 days ending at `end`, quieter at weekends and at night;
//  - statuses as message trace reports them, sizes log-normal (median ~30 KB);
//  - five mailboxes that send far more mail out than usual on the last day (exfiltration).
// Rows come out one day at a time (a Table per day, in time order), as ingestion writes them.
import { columnBuilder } from '../../src/engine/data/builder';
import { NumberColumn } from '../../src/engine/data/column';
import { Table } from '../../src/engine/data/table';
import { MICROS_PER_DAY } from '../../src/engine/data/temporal';
import type { ColumnSchema } from '../../src/kql/schema';
import type { Lookalike } from './lookalikes';
import { Random, WeightedPicker } from './random';

export const TRACE_TABLE = 'EmailEvents_CL';
export const LOOKALIKE_TABLE = 'LookalikeDomains';

export const TRACE_COLUMNS: ColumnSchema[] = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'Received_t', type: 'datetime' },
  { name: 'SenderAddress_s', type: 'string' },
  { name: 'RecipientAddress_s', type: 'string' },
  { name: 'Subject_s', type: 'string' },
  { name: 'Status_s', type: 'string' },
  { name: 'FromIP_s', type: 'string' },
  { name: 'ToIP_s', type: 'string' },
  { name: 'Size_d', type: 'real' },
  { name: 'MessageId_s', type: 'string' },
  { name: 'MessageTraceId_g', type: 'guid' },
];

export const LOOKALIKE_COLUMNS: ColumnSchema[] = [
  { name: 'Domain', type: 'string' },
  { name: 'Fuzzer', type: 'string' },
  { name: 'Original', type: 'string' },
];

export const TENANT_DOMAINS = ['contoso.com', 'fabrikam.com'];

export interface TraceOptions {
  seed: number;
  rows: number;
  days: number;
  /** End of the period (exclusive), microseconds since the epoch. */
  end: number;
  lookalikes: readonly Lookalike[];
}

const FIRST = ('james mary robert patricia john jennifer michael linda david elizabeth william barbara richard susan joseph jessica thomas sarah '
  + 'charles karen christopher lisa daniel nancy matthew betty anthony sandra mark margaret donald ashley steven kimberly paul emily andrew donna '
  + 'joshua michelle kenneth carol kevin amanda brian melissa george deborah timothy stephanie ronald rebecca edward sharon jason laura jeffrey '
  + 'cynthia ryan dorothy jacob amy gary kathleen nicholas angela eric shirley jonathan emma stephen brenda larry pamela justin nicole scott anna '
  + 'brandon samantha benjamin katherine samuel christine gregory debra alexander rachel patrick carolyn frank janet raymond maria jack olivia '
  + 'dennis heather jerry helen tyler catherine aaron diane jose julie adam victoria nathan joyce henry lauren zachary kelly douglas christina').split(' ');
const LAST = ('smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson anderson thomas taylor '
  + 'moore jackson martin lee perez thompson white harris sanchez clark ramirez lewis robinson walker young allen king wright scott torres nguyen '
  + 'hill flores green adams nelson baker hall rivera campbell mitchell carter roberts gomez phillips evans turner diaz parker cruz edwards collins '
  + 'reyes stewart morris morales murphy cook rogers gutierrez ortiz morgan cooper peterson bailey reed kelly howard ramos kim cox ward richardson '
  + 'watson brooks chavez wood james bennett gray mendoza ruiz hughes price alvarez castillo sanders patel myers long ross foster jimenez powell '
  + 'jenkins perry russell sullivan bell coleman butler henderson barnes gonzales fisher vasquez simmons romero jordan patterson alexander hamilton').split(' ');
const SYLLABLES = ('ac al an ar as at ba be bi bo ca ce ci co da de di do el en er es fa fe fi fo ga ge gi go ha he hi ho in io is it ka ke ki ko '
  + 'la le li lo ma me mi mo na ne ni no or pa pe pi po ra re ri ro sa se si so ta te ti to ul un ur va ve vi vo xa ya ze zo tech data net soft '
  + 'corp group labs media trade bank health energy logistics systems partners').split(' ');
const EXTERNAL_TLDS = ['com', 'com', 'com', 'com', 'com', 'net', 'org', 'io', 'co.uk', 'de', 'fr', 'nl', 'com.au', 'ca', 'ch', 'se', 'es', 'it', 'jp', 'co'];
const WEBMAIL = ['gmail.com', 'outlook.com', 'hotmail.com', 'yahoo.com', 'icloud.com', 'proton.me', 'gmx.de', 'aol.com'];
const TOPICS = ('Quarterly budget review|Team meeting notes|Project status update|Invoice attached|Purchase order|Contract renewal|Weekly report|'
  + 'Customer escalation|Travel itinerary|Expense report|Security awareness training|Password expiry notice|Board presentation|Sales forecast|'
  + 'Release planning|Incident postmortem|Onboarding checklist|Holiday schedule|Vendor assessment|Audit findings|Marketing campaign|Product roadmap|'
  + 'Hiring update|Performance review|Office move|IT maintenance window|Shipping confirmation|Payment reminder|Your order has shipped|Newsletter|'
  + 'Webinar invitation|Meeting request|Action required: verify your account|Lunch on Friday?|Draft agreement|Pricing proposal|Support ticket|'
  + 'Account statement|Benefits enrollment|Compliance training due|Design review|Customer feedback|Partner summit|Quarterly results|'
  + 'Data request|Service outage|Renewal quote|Signed documents|Training materials|Sprint retrospective').split('|');
const SUBJECT_PREFIXES = ['', '', '', 'RE: ', 'RE: ', 'FW: ', 'Re: ', 'Fwd: '];
const SUBJECT_SUFFIXES = ['', '', '', ' - Q1', ' - Q2', ' - Q3', ' - Q4', ' (draft)', ' - final', ' - updated', ' - EMEA', ' - APAC', ' - Americas', ' [External]'];
const INBOUND_STATUS: [string, number][] = [['Delivered', 0.84], ['FilteredAsSpam', 0.07], ['Quarantined', 0.03], ['Failed', 0.02], ['Pending', 0.01], ['Expanded', 0.02], ['GettingStatus', 0.01]];
const OUTBOUND_STATUS: [string, number][] = [['Delivered', 0.93], ['Failed', 0.02], ['Pending', 0.02], ['Expanded', 0.02], ['GettingStatus', 0.01]];
const ROLE_LOCALS = ['info', 'noreply', 'no-reply', 'sales', 'support', 'billing', 'news', 'hello', 'orders', 'accounts', 'hr', 'notifications', 'team', 'contact'];
const PHISH_LOCALS = ['it-support', 'helpdesk', 'payroll', 'ceo', 'security', 'admin', 'invoices', 'hr-benefits', 'sharepoint', 'mailbox-quota'];

/** Hourly weights of a working day (UTC): most mail 07:00-18:00. */
const HOUR_WEIGHTS = [2, 1.5, 1, 1, 1.5, 3, 6, 10, 14, 15, 15, 14, 12, 14, 15, 14, 12, 9, 6, 5, 4, 3.5, 3, 2.5];

type Direction = 'internal' | 'inbound' | 'outbound';

interface Message {
  received: number;
  sender: string;
  recipients: string[];
  direction: Direction;
  subject: string;
  size: number;
  fromIp: string;
  /** ToIP per recipient, '' where message trace leaves it empty. */
  toIps: string[];
}

export class TraceGenerator {
  private readonly random: Random;
  private readonly mailboxes: string[];
  private readonly internalSenders: string[];
  private readonly externalSenders: string[];
  private readonly phishSenders: string[];
  private readonly externalRecipients: string[];
  private readonly webmailRecipients: string[];
  private readonly exfiltrators: string[];
  private readonly mailboxPicker: WeightedPicker;
  private readonly internalSenderPicker: WeightedPicker;
  private readonly externalSenderPicker: WeightedPicker;
  private readonly externalRecipientPicker: WeightedPicker;
  private readonly subjects: string[];
  private readonly subjectPicker: WeightedPicker;
  private readonly egressIps: string[];
  private readonly ingressIps: string[];
  private readonly domainIps = new Map<string, string>();
  private readonly dayRows: number[];
  private messageCounter = 0;
  private readonly senders = new Set<string>();
  private readonly recipients = new Set<string>();
  private externalRows = 0;
  private totalRows = 0;

  constructor(private readonly options: TraceOptions) {
    const random = (this.random = new Random(options.seed));
    // Mailboxes: two thirds at contoso.com, one third at fabrikam.com.
    const taken = new Set<string>();
    this.mailboxes = [];
    while (this.mailboxes.length < 33_000) {
      const domain = random.next() < 2 / 3 ? TENANT_DOMAINS[0] : TENANT_DOMAINS[1];
      let local = `${random.pick(FIRST)}.${random.pick(LAST)}`;
      for (let n = 2; taken.has(`${local}@${domain}`); n++) local = `${local.replace(/\d+$/, '')}${n}`;
      taken.add(`${local}@${domain}`);
      this.mailboxes.push(`${local}@${domain}`);
    }
    random.shuffle(this.mailboxes);
    // Senders among the mailboxes, plus a few system accounts (the busiest senders).
    const systems = ['noreply@contoso.com', 'alerts@contoso.com', 'hr@contoso.com', 'it-service@fabrikam.com', 'newsletter@fabrikam.com'];
    this.internalSenders = [...systems, ...this.mailboxes.slice(0, 3_495)];
    random.shuffle(this.internalSenders);
    this.exfiltrators = [this.internalSenders[150], this.internalSenders[700], this.internalSenders[1_200], this.internalSenders[2_000], this.internalSenders[3_100]];

    const externalDomains = [...new Set(Array.from({ length: 2_200 }, () => externalDomain(random)))].filter((d) => !TENANT_DOMAINS.includes(d)).slice(0, 2_000);
    const domainPicker = WeightedPicker.zipf(externalDomains.length, 0.9);
    this.externalSenders = uniqueAddresses(random, 1_500, () => {
      const domain = externalDomains[domainPicker.pick(random)];
      const local = random.next() < 0.4 ? random.pick(ROLE_LOCALS) : `${random.pick(FIRST)}.${random.pick(LAST)}`;
      return `${local}@${domain}`;
    });
    // Senders on lookalike domains: 40 domains, 3 addresses each.
    const phishDomains = Array.from({ length: 40 }, (_, i) => options.lookalikes[(i * 997 + 13) % options.lookalikes.length].domain);
    this.phishSenders = phishDomains.flatMap((domain, i) => [0, 1, 2].map((k) => `${PHISH_LOCALS[(i + k * 3) % PHISH_LOCALS.length]}@${domain}`));
    this.externalRecipients = uniqueAddresses(random, 16_000, () => {
      const domain = externalDomains[domainPicker.pick(random)];
      return `${random.pick(FIRST)}.${random.pick(LAST)}@${domain}`;
    });
    this.webmailRecipients = uniqueAddresses(random, 1_000, () => `${random.pick(FIRST)}${random.pick(['', '.', '_'])}${random.pick(LAST)}${random.range(1, 99)}@${random.pick(WEBMAIL)}`);

    this.mailboxPicker = WeightedPicker.zipf(this.mailboxes.length, 0.5);
    this.internalSenderPicker = WeightedPicker.zipf(this.internalSenders.length, 0.8);
    this.externalSenderPicker = WeightedPicker.zipf(this.externalSenders.length, 0.8);
    this.externalRecipientPicker = WeightedPicker.zipf(this.externalRecipients.length, 0.5);

    this.subjects = [];
    for (const topic of TOPICS) for (const prefix of SUBJECT_PREFIXES.slice(2)) for (const suffix of SUBJECT_SUFFIXES) this.subjects.push(`${prefix}${topic}${suffix}`);
    random.shuffle(this.subjects);
    this.subjectPicker = WeightedPicker.zipf(this.subjects.length, 0.7);
    this.egressIps = Array.from({ length: 48 }, (_, i) => `40.107.${(i * 37) % 256}.${(i * 91 + 17) % 256}`);
    this.ingressIps = Array.from({ length: 16 }, (_, i) => `52.101.${(i * 53) % 256}.${(i * 29 + 5) % 256}`);

    // Rows per day: weekends a quarter of a working day; the total is exactly options.rows.
    const weights = Array.from({ length: options.days }, (_, d) => {
      const weekday = new Date((this.dayStart(d)) / 1000).getUTCDay();
      return weekday === 0 || weekday === 6 ? 0.25 : 1;
    });
    const total = weights.reduce((a, b) => a + b, 0);
    this.dayRows = weights.map((w) => Math.floor((options.rows * w) / total));
    this.dayRows[this.dayRows.length - 1] += options.rows - this.dayRows.reduce((a, b) => a + b, 0);
  }

  /** What the rows made so far hold: distinct senders and recipients, the share of rows going out. */
  get shape(): { senders: number; recipients: number; externalRecipientShare: number; messages: number } {
    return {
      senders: this.senders.size,
      recipients: this.recipients.size,
      externalRecipientShare: Math.round((1000 * this.externalRows) / Math.max(1, this.totalRows)) / 1000,
      messages: this.messageCounter,
    };
  }

  /** The mailboxes that exfiltrate on the last day. */
  get exfiltratingSenders(): readonly string[] {
    return this.exfiltrators;
  }

  dayStart(day: number): number {
    return this.options.end - (this.options.days - day) * MICROS_PER_DAY;
  }

  /** The rows of day `day` (0 = the first), sorted by Received_t. Call for days 0, 1, 2 ... in order. */
  day(day: number): Table {
    const random = this.random;
    const budget = this.dayRows[day];
    const messages: Message[] = [];
    let rows = 0;
    const add = (message: Message): void => {
      if (rows + message.recipients.length > budget) {
        message.recipients.length = budget - rows;
        message.toIps.length = message.recipients.length;
      }
      messages.push(message);
      rows += message.recipients.length;
    };
    const start = this.dayStart(day);
    if (day === this.options.days - 1) {
      // The exfiltration: each of five mailboxes sends 150-400 messages to outside addresses.
      for (const sender of this.exfiltrators) {
        const count = random.range(150, 400);
        for (let k = 0; k < count && rows < budget; k++) add(this.message(start, 'outbound', sender, true));
      }
    }
    while (rows < budget) add(this.message(start));
    messages.sort((a, b) => a.received - b.received);
    return this.toTable(messages, rows);
  }

  private message(dayStart: number, forced?: Direction, forcedSender?: string, exfil = false): Message {
    const random = this.random;
    const r = random.next();
    const direction: Direction = forced ?? (r < 0.30 ? 'internal' : r < 0.64 ? 'inbound' : 'outbound');
    const hour = pickHour(random);
    const received = dayStart + hour * 3_600_000_000 + random.int(3_600_000_000);
    let sender: string;
    if (forcedSender) sender = forcedSender;
    else if (direction === 'inbound') {
      sender = random.next() < 0.007 ? random.pick(this.phishSenders) : this.externalSenders[this.externalSenderPicker.pick(random)];
    } else sender = this.internalSenders[this.internalSenderPicker.pick(random)];

    const count = exfil ? random.range(1, 3) : recipientCount(random);
    const recipients: string[] = [];
    const toIps: string[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < count; i++) {
      let recipient: string;
      const external = direction === 'outbound' && (exfil || random.next() < 0.9);
      if (external) {
        recipient = exfil || random.next() < 0.08
          ? this.webmailRecipients[random.int(this.webmailRecipients.length)]
          : this.externalRecipients[this.externalRecipientPicker.pick(random)];
      } else recipient = this.mailboxes[this.mailboxPicker.pick(random)];
      if (seen.has(recipient)) continue;
      seen.add(recipient);
      recipients.push(recipient);
      toIps.push(external ? this.ipOf(domainOf(recipient)) : direction === 'inbound' ? this.ingressIps[random.int(this.ingressIps.length)] : '');
    }
    const size = Math.min(150_000_000, Math.round(Math.exp(10.3 + 1.3 * random.normal())) + 800) * (exfil ? 6 : 1);
    const fromIp = direction === 'inbound' ? this.ipOf(domainOf(sender)) : this.egressIps[random.int(this.egressIps.length)];
    const subject = exfil && random.next() < 0.5
      ? random.pick(['Fwd: Customer list', 'Fwd: Pricing 2025', 'Fwd: Source code', 'Fwd: Contract drafts', 'personal backup'])
      : random.next() < 0.2
        ? `${random.pick(SUBJECT_PREFIXES)}Case #${random.range(100_000, 160_000)}: ${random.pick(TOPICS)}`
        : this.subjects[this.subjectPicker.pick(random)];
    return { received, sender, recipients, direction, subject, size, fromIp, toIps };
  }

  private ipOf(domain: string): string {
    let ip = this.domainIps.get(domain);
    if (ip === undefined) {
      const random = this.random;
      ip = `${random.pick([13, 20, 34, 52, 64, 74, 104, 142, 185, 198, 203, 209])}.${random.int(256)}.${random.int(256)}.${random.range(1, 254)}`;
      this.domainIps.set(domain, ip);
    }
    return ip;
  }

  private toTable(messages: Message[], rows: number): Table {
    const random = this.random;
    const time = new Float64Array(rows);
    const builders = {
      sender: columnBuilder('string'), recipient: columnBuilder('string'), subject: columnBuilder('string'),
      status: columnBuilder('string'), fromIp: columnBuilder('string'), toIp: columnBuilder('string'),
      messageId: columnBuilder('string'), traceId: columnBuilder('guid'),
    };
    const size = new Float64Array(rows);
    let row = 0;
    this.totalRows += rows;
    for (const m of messages) {
      const id = this.messageCounter++;
      const host = m.direction === 'inbound' ? `mail.${domainOf(m.sender)}` : `${random.pick(['DM6PR11', 'SN7PR04', 'BY5PR20', 'AM0PR07', 'VI1PR03'])}MB${random.range(1000, 9999)}.namprd11.prod.outlook.com`;
      const messageId = `<${random.hex(12).toUpperCase()}${id.toString(36).toUpperCase()}@${host}>`;
      const traceId = random.guid();
      this.senders.add(m.sender);
      for (let k = 0; k < m.recipients.length; k++) {
        time[row] = m.received;
        size[row] = m.size;
        builders.sender.add(m.sender);
        builders.recipient.add(m.recipients[k]);
        this.recipients.add(m.recipients[k]);
        if (!TENANT_DOMAINS.includes(domainOf(m.recipients[k]))) this.externalRows++;
        builders.subject.add(m.subject);
        builders.status.add(pickStatus(random, m.direction === 'inbound' ? INBOUND_STATUS : OUTBOUND_STATUS));
        builders.fromIp.add(m.fromIp);
        builders.toIp.add(m.toIps[k]);
        builders.messageId.add(messageId);
        builders.traceId.add(traceId);
        row++;
      }
    }
    // TimeGenerated is set from Received_t by Sentinel Hunt's ingestion (see the classic schema).
    const received = new NumberColumn('datetime', time);
    return new Table(TRACE_COLUMNS.map((c) => c.name), [
      received, new NumberColumn('datetime', time.slice()),
      builders.sender.finish(), builders.recipient.finish(), builders.subject.finish(), builders.status.finish(),
      builders.fromIp.finish(), builders.toIp.finish(), new NumberColumn('real', size),
      builders.messageId.finish(), builders.traceId.finish(),
    ], rows);
  }
}

export function lookalikeTable(lookalikes: readonly Lookalike[]): Table {
  const domain = columnBuilder('string');
  const fuzzer = columnBuilder('string');
  const original = columnBuilder('string');
  for (const l of lookalikes) {
    domain.add(l.domain);
    fuzzer.add(l.fuzzer);
    original.add(l.original);
  }
  return new Table(LOOKALIKE_COLUMNS.map((c) => c.name), [domain.finish(), fuzzer.finish(), original.finish()], lookalikes.length);
}

function domainOf(address: string): string {
  return address.slice(address.indexOf('@') + 1);
}

function externalDomain(random: Random): string {
  const parts = random.range(2, 3);
  let name = '';
  for (let i = 0; i < parts; i++) name += random.pick(SYLLABLES);
  if (random.next() < 0.15) name += `-${random.pick(SYLLABLES)}`;
  return `${name}.${random.pick(EXTERNAL_TLDS)}`;
}

function uniqueAddresses(random: Random, count: number, make: () => string): string[] {
  const set = new Set<string>();
  for (let attempts = 0; set.size < count; attempts++) {
    if (attempts > count * 20) throw new Error(`could not make ${count} distinct addresses`);
    set.add(make());
  }
  return random.shuffle([...set]);
}

const hourPicker = new WeightedPicker(HOUR_WEIGHTS);
function pickHour(random: Random): number {
  return hourPicker.pick(random);
}

/** 1 recipient (70%), 2 (15%), 3-5 (10%), 6-20 (5%). */
function recipientCount(random: Random): number {
  const r = random.next();
  if (r < 0.70) return 1;
  if (r < 0.85) return 2;
  if (r < 0.95) return random.range(3, 5);
  return random.range(6, 20);
}

function pickStatus(random: Random, table: readonly [string, number][]): string {
  let r = random.next();
  for (const [status, p] of table) {
    if (r < p) return status;
    r -= p;
  }
  return table[0][0];
}
