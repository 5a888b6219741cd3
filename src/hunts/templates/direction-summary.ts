// The recipe's internal / inbound / outbound chart, corrected: direction by the domain part of
// the addresses, hours aligned to the start of the lookback with bin_at.
import type { HuntTemplate } from '../template';
import { isTenantAddress } from '../tenant';
import { lookbackParameter } from './report-parameters';

export const directionSummary: HuntTemplate = {
  name: 'direction-summary',
  title: 'Internal, inbound and outbound mail per hour',
  description: 'Messages per hour by direction (Internal, Inbound, Outbound, External relay) over the lookback, '
    + 'hours aligned to its start, as a time chart. A message to both tenant and outside recipients counts in both directions.',
  kind: 'report',
  profiles: ['classic', 'dcr', 'mdo'],
  usesTenantDomains: true,
  parameters: [lookbackParameter('1d')],
  body: (_p, profile) => [
    'let start = ago(lookback);',
    profile.table,
    `| where ${profile.time} >= start`,
    `| extend SenderInternal = ${isTenantAddress(profile.sender)}, RecipientInternal = ${isTenantAddress(profile.recipient)}`,
    '| extend Direction = case(SenderInternal and RecipientInternal, "Internal", RecipientInternal, "Inbound", SenderInternal, "Outbound", "External relay")',
    `| summarize Messages = dcount(${profile.messageKey}) by Hour = bin_at(${profile.time}, 1h, start), Direction`,
    '| order by Hour asc, Direction asc',
    '| render timechart',
  ],
};
