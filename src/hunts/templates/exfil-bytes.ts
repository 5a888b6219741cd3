// Bytes instead of messages (sum of Size, each message once), each sender against their own
// history: a few very large messages out are as telling as many small ones.
import type { HuntTemplate } from '../template';
import {
  baselineDaysParameter, DETECTION_SUMMARY, exfilRuleDefaults, JOIN_OWN_BASELINE, kParameter, minMegabytesParameter, outboundLets,
  PER_SENDER_STATISTICS,
} from './exfil-common';

export const exfilBytes: HuntTemplate = {
  name: 'exfil-bytes',
  title: 'Exfiltration: bytes sent out against each sender\'s own history',
  description: 'Tenant senders whose bytes sent to external recipients in the last 24 hours (sum of message sizes, '
    + 'each message once) exceed their own average + k * stdev over the baseline days and at least minMegabytes.',
  kind: 'detection',
  profiles: ['classic', 'dcr'],
  unavailable: { mdo: 'Defender\'s EmailEvents has no message size' },
  usesTenantDomains: true,
  parameters: [baselineDaysParameter(13, 2), kParameter, minMegabytesParameter],
  body: (_p, profile) => [
    ...outboundLets(profile, true),
    '// A message counts once, however many recipients and status rows it has.',
    'let messages = outbound',
    '    | summarize Size = max(Size), Received = min(Received) by Sender, MessageKey;',
    'let baseline = messages',
    '    | where Received < detectionStart',
    '    | summarize Daily = sum(Size) by Sender, Day = bin_at(Received, 1d, detectionStart)',
    ...PER_SENDER_STATISTICS,
    'messages',
    '| where Received >= detectionStart',
    '| summarize ExternalBytes = sum(Size), ExternalMessages = count() by Sender',
    '| join kind=inner (outbound',
    '    | where Received >= detectionStart',
    `    | summarize ${DETECTION_SUMMARY} by Sender) on Sender`,
    ...JOIN_OWN_BASELINE,
    '| where ExternalBytes > Threshold and ExternalBytes >= minMegabytes * 1048576',
    '| extend ExternalMB = round(ExternalBytes / 1048576.0, 1)',
    '| project Sender, ExternalBytes, ExternalMB, Average, StdDev, Threshold, ActiveDays, ExternalMessages, ExternalRecipients, FirstSeen, LastSeen, Subjects',
    '| order by ExternalBytes desc',
  ],
  rule: exfilRuleDefaults('ExternalBytes'),
};
