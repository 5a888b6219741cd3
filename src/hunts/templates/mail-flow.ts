// The recipe's mail flow chart: messages per 30 minutes.
import type { HuntTemplate } from '../template';
import { lookbackParameter } from './report-parameters';

export const mailFlow: HuntTemplate = {
  name: 'mail-flow',
  title: 'Mail flow over time',
  description: 'Messages per time bin (default 30 minutes) over the lookback, as a time chart.',
  kind: 'report',
  profiles: ['classic', 'dcr', 'mdo'],
  usesTenantDomains: false,
  parameters: [
    lookbackParameter('1d'),
    { name: 'binSize', type: 'timespan', default: '30m', min: 1, max: 7 * 1440, description: 'The width of a time bin.' },
  ],
  body: (_p, profile) => [
    profile.table,
    `| where ${profile.time} > ago(lookback)`,
    `| summarize Messages = dcount(${profile.messageKey}) by Received = bin(${profile.time}, binSize)`,
    '| order by Received asc',
    '| render timechart',
  ],
};
