// Each sender against their own history: a quiet mailbox that suddenly sends 200 messages out
// is flagged, a newsletter sender that sends 300 every day is not.
import type { HuntTemplate } from '../template';
import {
  baselineDaysParameter, DETECTION_SUMMARY, exfilRuleDefaults, JOIN_OWN_BASELINE, kParameter, minMessagesParameter, outboundLets,
  PER_SENDER_STATISTICS,
} from './exfil-common';

export const exfilRatePerSender: HuntTemplate = {
  name: 'exfil-rate-per-sender',
  title: 'Exfiltration: message rate against each sender\'s own history',
  description: 'Tenant senders whose messages to external recipients in the last 24 hours exceed their own '
    + 'average + k * stdev over the baseline days (days without mail count as 0) and at least minMessages.',
  kind: 'detection',
  profiles: ['classic', 'dcr', 'mdo'],
  usesTenantDomains: true,
  parameters: [baselineDaysParameter(13, 2), kParameter, minMessagesParameter],
  body: (_p, profile) => [
    ...outboundLets(profile, false),
    'let baseline = outbound',
    '    | where Received < detectionStart',
    '    | summarize Daily = dcount(MessageKey) by Sender, Day = bin_at(Received, 1d, detectionStart)',
    ...PER_SENDER_STATISTICS,
    'outbound',
    '| where Received >= detectionStart',
    `| summarize ExternalMessages = dcount(MessageKey), ${DETECTION_SUMMARY} by Sender`,
    ...JOIN_OWN_BASELINE,
    '| where ExternalMessages > Threshold and ExternalMessages >= minMessages',
    '| project Sender, ExternalMessages, Average, StdDev, Threshold, ActiveDays, ExternalRecipients, FirstSeen, LastSeen, Subjects',
    '| order by ExternalMessages desc',
  ],
  rule: exfilRuleDefaults('ExternalMessages'),
};
