// The recipe's "top 10 largest messages", corrected: one row per message with its recipients.
// The largest message ids are found first, so only their rows are grouped with their details.
import type { HuntTemplate } from '../template';
import { lookbackParameter, topNParameter } from './report-parameters';

export const largestMessages: HuntTemplate = {
  name: 'largest-messages',
  title: 'Largest messages',
  description: 'The largest messages over the lookback, one row per message with its sender, recipients and size.',
  kind: 'report',
  profiles: ['classic', 'dcr'],
  unavailable: { mdo: 'Defender\'s EmailEvents has no message size' },
  usesTenantDomains: false,
  parameters: [lookbackParameter('7d'), topNParameter],
  body: (_p, profile) => [
    `let recent = ${profile.table}`,
    `    | where ${profile.time} > ago(lookback);`,
    'let largest = recent',
    `    | summarize Size = max(${profile.size}) by MessageKey = ${profile.messageKey}`,
    '    | top topN by Size desc;',
    'recent',
    `| where ${profile.messageKey} in ((largest | project MessageKey))`,
    `| summarize Received = min(${profile.time}), Recipients = make_set(${profile.recipient}, 100) by MessageKey = ${profile.messageKey}, Sender = ${profile.sender}, Subject = ${profile.subject}, Size = ${profile.size}`,
    '| sort by Size desc, MessageKey asc',
    '| project Received, Sender, Recipients, Subject, SizeMB = round(Size / 1048576.0, 2), Size, MessageKey',
  ],
};
