// The recipe's "top 10 senders", corrected: a message counts once however many recipients
// and status rows it has.
import type { HuntTemplate } from '../template';
import { lookbackParameter, topNParameter } from './report-parameters';

export const topSenders: HuntTemplate = {
  name: 'top-senders',
  title: 'Top senders',
  description: 'The senders of the most messages over the lookback, with their distinct recipients.',
  kind: 'report',
  profiles: ['classic', 'dcr', 'mdo'],
  usesTenantDomains: false,
  parameters: [lookbackParameter('7d'), topNParameter],
  body: (_p, profile) => [
    profile.table,
    `| where ${profile.time} > ago(lookback)`,
    `| summarize Messages = dcount(${profile.messageKey}), Recipients = dcount(tolower(${profile.recipient})) by Sender = tolower(${profile.sender})`,
    '| sort by Messages desc, Sender asc',
    '| take topN',
  ],
};
