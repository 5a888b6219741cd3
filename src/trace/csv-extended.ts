// The Extended report: one row per message tracking event, so a recipient's record is built
// from all the rows of its message. Received is the message's first event; the status is
// that of the recipient's last event that settles one (csv-formats.ts); the destination IP is
// the server a SEND event handed the message to. RESOLVE / REDIRECT rows are not followed:
// an address that only appears in them gets no record of its own.
import { eventStatus, type Field } from './csv-formats';
import type { TraceRecord, TraceStatus } from './record';
import { byteSize, isoReceived, normalGuid } from './values';

interface Recipient {
  address: string;
  status?: TraceStatus;
  statusAt: number;
  toIP: string;
}

interface Message {
  received: string;
  receivedAt: number;
  messageId: string;
  sender: string;
  subject: string;
  size: number;
  fromIP: string;
  recipients: Map<string, Recipient>;
}

export class ExtendedReport {
  private readonly messages = new Map<string, Message>();

  /** Adds one event row; returns why it cannot be read, if so. */
  add(field: Field): string | undefined {
    const rawId = field('networkmessageid');
    const id = normalGuid(rawId);
    if (!id) return rawId ? `network_message_id ${JSON.stringify(rawId)} is not a GUID` : 'missing network_message_id';
    const rawTime = field('datetimeutc');
    const time = isoReceived(rawTime);
    if (!time) return rawTime ? `date_time_utc ${JSON.stringify(rawTime)} is not a date and time` : 'missing date_time_utc';
    const size = byteSize(field('totalbytes'));
    if (size === undefined) return `total_bytes ${JSON.stringify(field('totalbytes'))} is not a number of bytes`;
    const event = field('eventid').trim();
    if (!event) return 'missing event_id';
    const addresses = field('recipientaddress').split(';').map((a) => a.trim()).filter((a) => a !== '');
    if (addresses.length === 0) return 'missing recipient_address';

    const at = Date.parse(time);
    let message = this.messages.get(id);
    if (!message) {
      message = { received: time, receivedAt: at, messageId: '', sender: '', subject: '', size: 0, fromIP: '', recipients: new Map() };
      this.messages.set(id, message);
    }
    if (at < message.receivedAt) { message.received = time; message.receivedAt = at; }
    message.messageId ||= field('messageid');
    message.sender ||= field('senderaddress').trim();
    message.subject ||= field('messagesubject');
    message.size = Math.max(message.size, size);
    const upper = event.toUpperCase();
    if (!message.fromIP) message.fromIP = field('originalclientip') || (upper === 'RECEIVE' ? field('clientip') : '');

    const status = eventStatus(event);
    for (const address of addresses) {
      const key = address.toLowerCase();
      let recipient = message.recipients.get(key);
      if (!recipient) {
        recipient = { address, statusAt: -Infinity, toIP: '' };
        message.recipients.set(key, recipient);
      }
      // Rows of one message come in any order; a later event wins, a tie goes to the later row.
      if (status && at >= recipient.statusAt) {
        recipient.status = status;
        recipient.statusAt = at;
        if (upper === 'SEND') recipient.toIP = field('serverip');
      }
    }
    return undefined;
  }

  /** One record per (message, recipient) with a status, messages in order of first appearance. */
  *records(): Generator<TraceRecord> {
    for (const [id, m] of this.messages) {
      for (const r of m.recipients.values()) {
        if (!r.status) continue;
        yield {
          messageTraceId: id, messageId: m.messageId, received: m.received, senderAddress: m.sender,
          recipientAddress: r.address, subject: m.subject, status: r.status, size: m.size, fromIP: m.fromIP, toIP: r.toIP,
        };
      }
    }
  }
}
