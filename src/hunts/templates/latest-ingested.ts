// The recipe's "latest ingested message": when the newest row was received, never earlier
// than a floor, which is where the next message trace window starts; works before the table
// exists (isfuzzy).
import type { HuntTemplate } from '../template';

export const latestIngested: HuntTemplate = {
  name: 'latest-ingested',
  title: 'Latest ingested message',
  description: 'When the newest ingested message was received (never earlier than now - floor), how many rows the table '
    + 'holds and how far behind now it is: where the next message trace window starts.',
  kind: 'report',
  profiles: ['classic', 'dcr', 'mdo'],
  usesTenantDomains: false,
  parameters: [
    { name: 'floor', type: 'timespan', default: '30d', min: 5, max: 365 * 1440, description: 'The earliest answer: now - floor.' },
  ],
  body: (_p, profile) => [
    'union isfuzzy=true',
    `    (${profile.table} | summarize LatestReceived = max(${profile.time}), Rows = count()),`,
    '    (print LatestReceived = ago(floor), Rows = tolong(0))',
    '| summarize LatestReceived = max(LatestReceived), Rows = sum(Rows)',
    '| extend Behind = now() - LatestReceived',
  ],
};
