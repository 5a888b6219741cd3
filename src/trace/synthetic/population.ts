// Who mails whom in a synthetic tenant: the mailboxes of the tenant's domains, the few of them
// that send most mail, external correspondents, and their mail servers' IP addresses. Built
// once per source from the seed; the default size (33,000 mailboxes) gives, over 30 days of
// about a million rows, some 5,000 senders and 50,000 recipients, like bench/engine's data.
import { Random, stringHash, WeightedPicker } from './random';
import {
  EXTERNAL_TLDS, FIRST_NAMES, LAST_NAMES, ROLE_LOCALS, SERVER_PREFIXES, SUBJECT_PREFIXES, SUBJECT_SUFFIXES, SYLLABLES, SYSTEM_LOCALS, TOPICS,
  WEBMAIL_DOMAINS,
} from './vocabulary';

export const DEFAULT_MAILBOXES = 33_000;

export class Population {
  readonly mailboxes: string[] = [];
  readonly mailboxPicker: WeightedPicker;
  readonly internalSenders: string[];
  readonly internalSenderPicker: WeightedPicker;
  readonly externalSenders: string[];
  readonly externalSenderIps: string[];
  /** `@host>`: how their message ids end. */
  readonly externalSenderHosts: string[];
  readonly externalSenderPicker: WeightedPicker;
  readonly externalRecipients: string[];
  readonly externalRecipientIps: string[];
  readonly externalRecipientPicker: WeightedPicker;
  readonly webmail: string[];
  readonly webmailIps: string[];
  readonly subjects: string[] = [];
  readonly subjectPicker: WeightedPicker;
  readonly egressIps: string[];
  /** `@host>` of Exchange Online mailbox servers, the end of message ids of mail the tenant sends. */
  readonly serverHosts: string[];
  readonly ingressIps: string[];
  private readonly tenant: ReadonlySet<string>;

  constructor(private readonly seed: number, readonly domains: readonly string[], mailboxCount: number, avoidDomains: ReadonlySet<string>) {
    const random = new Random(seed);
    this.tenant = new Set(domains);
    const scale = mailboxCount / DEFAULT_MAILBOXES;
    const count = (n: number, least: number): number => Math.max(least, Math.round(n * scale));

    // Mailboxes: the first domain holds twice the share of each other one.
    const domainPicker = new WeightedPicker(domains.map((_, i) => (i === 0 ? 2 : 1)));
    const taken = new Set<string>();
    while (this.mailboxes.length < mailboxCount) {
      const domain = domains[domainPicker.pick(random)];
      const base = `${random.pick(FIRST_NAMES)}.${random.pick(LAST_NAMES)}`;
      let address = `${base}@${domain}`;
      for (let n = 2; taken.has(address); n++) address = `${base}${n}@${domain}`;
      taken.add(address);
      this.mailboxes.push(address);
    }
    random.shuffle(this.mailboxes);
    this.mailboxPicker = WeightedPicker.zipf(this.mailboxes.length, 0.5);

    // Senders: a tenth of the mailboxes, and system accounts, which end up the busiest.
    const systems = SYSTEM_LOCALS.map((local, i) => `${local}@${domains[i % domains.length]}`).filter((a) => !taken.has(a));
    this.internalSenders = random.shuffle([...systems, ...this.mailboxes.slice(0, count(3_495, 20))]);
    this.internalSenderPicker = WeightedPicker.zipf(this.internalSenders.length, 0.8);

    const avoid = new Set([...domains, ...avoidDomains, ...WEBMAIL_DOMAINS]);
    const externalDomains: string[] = [];
    const seenDomains = new Set<string>();
    for (let attempts = 0; externalDomains.length < count(2_000, 20) && attempts < 100_000; attempts++) {
      const domain = organisationDomain(random);
      if (avoid.has(domain) || seenDomains.has(domain)) continue;
      seenDomains.add(domain);
      externalDomains.push(domain);
    }
    const externalDomainPicker = WeightedPicker.zipf(externalDomains.length, 0.9);
    this.externalSenders = distinct(random, count(1_500, 20), () => {
      const local = random.next() < 0.4 ? random.pick(ROLE_LOCALS) : `${random.pick(FIRST_NAMES)}.${random.pick(LAST_NAMES)}`;
      return `${local}@${externalDomains[externalDomainPicker.pick(random)]}`;
    });
    this.externalSenderIps = this.externalSenders.map((a) => this.ipOf(domainOf(a)));
    this.externalSenderHosts = this.externalSenders.map((a) => `@mail.${domainOf(a)}>`);
    this.externalSenderPicker = WeightedPicker.zipf(this.externalSenders.length, 0.8);
    this.externalRecipients = distinct(random, count(16_000, 50), () => `${random.pick(FIRST_NAMES)}.${random.pick(LAST_NAMES)}@${externalDomains[externalDomainPicker.pick(random)]}`);
    this.externalRecipientIps = this.externalRecipients.map((a) => this.ipOf(domainOf(a)));
    this.externalRecipientPicker = WeightedPicker.zipf(this.externalRecipients.length, 0.5);
    this.webmail = distinct(random, count(1_000, 10), () => `${random.pick(FIRST_NAMES)}${random.pick(['', '.', '_'])}${random.pick(LAST_NAMES)}${random.range(1, 99)}@${random.pick(WEBMAIL_DOMAINS)}`);
    this.webmailIps = this.webmail.map((a) => this.ipOf(domainOf(a)));

    for (const topic of TOPICS) for (const prefix of SUBJECT_PREFIXES.slice(2)) for (const suffix of SUBJECT_SUFFIXES) this.subjects.push(`${prefix}${topic}${suffix}`);
    random.shuffle(this.subjects);
    this.subjectPicker = WeightedPicker.zipf(this.subjects.length, 0.7);
    // Exchange Online Protection's outbound and inbound addresses.
    this.egressIps = Array.from({ length: 48 }, (_, i) => `40.107.${(i * 37 + 3) % 256}.${(i * 91 + 17) % 256}`);
    this.serverHosts = Array.from({ length: 256 }, () => `@${random.pick(SERVER_PREFIXES)}MB${random.range(1000, 9999)}.namprd${random.range(10, 20)}.prod.outlook.com>`);
    this.ingressIps = Array.from({ length: 16 }, (_, i) => `52.101.${(i * 53 + 7) % 256}.${(i * 29 + 5) % 256}`);
  }

  isTenant(address: string): boolean {
    return this.tenant.has(domainOf(address).toLowerCase());
  }

  /** The (made-up, stable) public IP address of a domain's mail server. */
  ipOf(domain: string): string {
    const h = stringHash(domain, this.seed);
    const first = [13, 20, 34, 52, 64, 74, 104, 142, 185, 198, 203, 209][h % 12];
    return `${first}.${(h >>> 4) & 255}.${(h >>> 12) & 255}.${1 + (((h >>> 20) & 255) % 254)}`;
  }
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

function organisationDomain(random: Random): string {
  let name = '';
  for (let i = random.range(2, 3); i > 0; i--) name += random.pick(SYLLABLES);
  if (random.next() < 0.15) name += `-${random.pick(SYLLABLES)}`;
  return `${name}.${random.pick(EXTERNAL_TLDS)}`;
}

function distinct(random: Random, count: number, make: () => string): string[] {
  const set = new Set<string>();
  for (let attempts = 0; set.size < count && attempts < count * 20; attempts++) set.add(make());
  return random.shuffle([...set]);
}
