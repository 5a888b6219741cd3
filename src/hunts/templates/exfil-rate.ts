// The 2020 recipe's detection, corrected (tenant by address domain, whole days, messages
// counted once): one baseline for the whole tenant, every sender-day pooled.
import type { HuntTemplate } from '../template';
import { baselineDaysParameter, DETECTION_SUMMARY, exfilRuleDefaults, kParameter, outboundLets } from './exfil-common';

export const exfilRate: HuntTemplate = {
  name: 'exfil-rate',
  title: 'Exfiltration: message rate against the tenant baseline (recipe)',
  description: 'Tenant senders whose messages to external recipients in the last 24 hours exceed average + k * stdev '
    + 'of the daily per-sender counts of the baseline days, all senders pooled (the 2020 recipe\'s detection). '
    + 'Habitually busy senders (newsletters, system accounts) exceed it every day; exfil-rate-per-sender does not flag them.',
  kind: 'detection',
  profiles: ['classic', 'dcr', 'mdo'],
  usesTenantDomains: true,
  parameters: [baselineDaysParameter(7, 1), kParameter],
  body: (_p, profile) => [
    ...outboundLets(profile, false),
    'let baseline = outbound',
    '    | where Received < detectionStart',
    '    | summarize Daily = dcount(MessageKey) by Sender, Day = bin_at(Received, 1d, detectionStart)',
    '    | summarize Average = avg(Daily), StdDev = stdev(Daily);',
    'let average = toscalar(baseline | project Average);',
    'let stdDev = toscalar(baseline | project StdDev);',
    'outbound',
    '| where Received >= detectionStart',
    `| summarize ExternalMessages = dcount(MessageKey), ${DETECTION_SUMMARY} by Sender`,
    '| extend Average = average, StdDev = stdDev',
    '| extend Threshold = Average + k * StdDev',
    '| where ExternalMessages > Threshold',
    '| project Sender, ExternalMessages, Average, StdDev, Threshold, ExternalRecipients, FirstSeen, LastSeen, Subjects',
    '| order by ExternalMessages desc',
  ],
  rule: exfilRuleDefaults('ExternalMessages'),
};
