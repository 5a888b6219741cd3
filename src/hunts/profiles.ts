// The columns each schema profile (DESIGN.md) offers a hunt. Templates are written against
// these roles and rendered per profile; their results use the same column names whatever the
// profile (Sender, Recipient, Messages ...), so rules and charts do not depend on it.
import { messageTraceTables, PROFILE_NAMES, type ProfileName } from '../kql/schemas/message-trace';
import { HuntError } from './errors';

export { PROFILE_NAMES, type ProfileName };

export interface HuntProfile {
  name: ProfileName;
  table: string;
  /** When Exchange received the message. */
  time: string;
  sender: string;
  recipient: string;
  subject: string;
  /** One value per message: dcount of it counts messages, whatever the recipients and status rows. */
  messageKey: string;
  /** Message size in bytes; Defender's EmailEvents has none. */
  size?: string;
}

const PROFILES: Record<ProfileName, HuntProfile> = {
  classic: {
    name: 'classic', table: messageTraceTables.classic.name, time: 'Received_t', sender: 'SenderAddress_s',
    recipient: 'RecipientAddress_s', subject: 'Subject_s', messageKey: 'MessageTraceId_g', size: 'Size_d',
  },
  dcr: {
    name: 'dcr', table: messageTraceTables.dcr.name, time: 'Received', sender: 'SenderAddress',
    recipient: 'RecipientAddress', subject: 'Subject', messageKey: 'MessageTraceId', size: 'Size',
  },
  mdo: {
    name: 'mdo', table: messageTraceTables.mdo.name, time: 'Timestamp', sender: 'SenderFromAddress',
    recipient: 'RecipientEmailAddress', subject: 'Subject', messageKey: 'NetworkMessageId',
  },
};

export function isProfileName(name: string): name is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(name);
}

export function huntProfile(name: string): HuntProfile {
  if (!isProfileName(name)) throw new HuntError(`unknown profile ${JSON.stringify(name)}; expected ${PROFILE_NAMES.join(', ')}`);
  return PROFILES[name];
}
