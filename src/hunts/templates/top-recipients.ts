// The recipe's "top 10 recipients", corrected: a message counts once per recipient whatever
// its status rows.
import type { HuntTemplate } from '../template';
import { lookbackParameter, topNParameter } from './report-parameters';

export const topRecipients: HuntTemplate = {
  name: 'top-recipients',
  title: 'Top recipients',
  description: 'The recipients of the most messages over the lookback, with their distinct senders.',
  kind: 'report',
  profiles: ['classic', 'dcr', 'mdo'],
  usesTenantDomains: false,
  parameters: [lookbackParameter('7d'), topNParameter],
  body: (_p, profile) => [
    profile.table,
    `| where ${profile.time} > ago(lookback)`,
    `| summarize Messages = dcount(${profile.messageKey}), Senders = dcount(tolower(${profile.sender})) by Recipient = tolower(${profile.recipient})`,
    '| sort by Messages desc, Recipient asc',
    '| take topN',
  ],
};
