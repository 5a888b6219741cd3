// The three exfiltration detections share one shape: the tenant's outbound rows (a tenant
// sender, a recipient outside the tenant) over the baseline days and the detection day, a
// daily value per sender, a baseline, threshold = average + k * stdev, and the senders above
// it in the last 24 hours. They differ in what is measured (messages or bytes) and whose
// baseline it is: the tenant's (the 2020 recipe: every sender-day pooled, so a newsletter
// sender is flagged every day) or each sender's own.
import type { ParameterSpec } from '../parameters';
import type { HuntProfile } from '../profiles';
import type { RuleDefaults } from '../template';
import { isTenantAddress } from '../tenant';

export function baselineDaysParameter(defaultDays: number, min: number): ParameterSpec {
  return {
    name: 'baselineDays', type: 'int', default: String(defaultDays), min, max: 60,
    description: 'Whole 24-hour days before the detection day that make the baseline (an exported rule allows at most 13).',
  };
}

export const kParameter: ParameterSpec = {
  name: 'k', type: 'real', default: '3.0', min: 0, max: 100,
  description: 'Threshold multiplier: threshold = average + k * standard deviation.',
};

export const minMessagesParameter: ParameterSpec = {
  name: 'minMessages', type: 'int', default: '20', min: 0, max: 1_000_000,
  description: 'Minimum messages to external recipients in the detection day for a sender to be flagged.',
};

export const minMegabytesParameter: ParameterSpec = {
  name: 'minMegabytes', type: 'int', default: '25', min: 0, max: 1_000_000,
  description: 'Minimum megabytes sent to external recipients in the detection day for a sender to be flagged.',
};

/** The detection window, and the outbound rows with the result's column names. */
export function outboundLets(profile: HuntProfile, withSize: boolean): string[] {
  if (withSize && profile.size === undefined) throw new Error(`internal: profile ${profile.name} has no size column`);
  const size = withSize ? `, Size = ${profile.size}` : '';
  return [
    '// The detection window is the last 24 hours; the baseline, the whole 24-hour days before it.',
    'let detectionStart = ago(1d);',
    'let baselineStart = detectionStart - baselineDays * 1d;',
    `let outbound = ${profile.table}`,
    `    | where ${profile.time} >= baselineStart`,
    `    | where ${isTenantAddress(profile.sender)} and not(${isTenantAddress(profile.recipient)})`,
    `    | project Received = ${profile.time}, Sender = tolower(${profile.sender}), Recipient = tolower(${profile.recipient}), Subject = ${profile.subject}, MessageKey = ${profile.messageKey}${size};`,
  ];
}

/** Per sender: the average and sample standard deviation of `Daily` over all baseline days, a day without any counting 0. */
export const PER_SENDER_STATISTICS = [
  '    | summarize Total = sum(Daily), SumSquares = sum(todouble(Daily) * Daily), ActiveDays = count() by Sender',
  '    | extend Average = todouble(Total) / baselineDays',
  '    | extend StdDev = sqrt(max_of(0.0, (SumSquares - Total * Average) / (baselineDays - 1)))',
  '    | project Sender, Average, StdDev, ActiveDays;',
];

/** Joins each flagged candidate to its own baseline; a sender with no history has 0 and 0. */
export const JOIN_OWN_BASELINE = [
  '| join kind=leftouter baseline on Sender',
  '| extend Average = coalesce(Average, 0.0), StdDev = coalesce(StdDev, 0.0), ActiveDays = coalesce(ActiveDays, 0)',
  '| extend Threshold = Average + k * StdDev',
];

export const DETECTION_SUMMARY = 'ExternalRecipients = dcount(Recipient), FirstSeen = min(Received), LastSeen = max(Received), Subjects = make_set(Subject, 10)';

export function exfilRuleDefaults(observed: 'ExternalMessages' | 'ExternalBytes'): RuleDefaults {
  return {
    severity: 'Medium',
    tactics: ['Exfiltration'],
    techniques: ['T1048'],
    entityMappings: [
      { entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'Sender' }] },
      { entityType: 'Mailbox', fieldMappings: [{ identifier: 'MailboxPrimaryAddress', columnName: 'Sender' }] },
    ],
    customDetails: { [observed]: observed, Threshold: 'Threshold', ExternalRecipients: 'ExternalRecipients' },
    // The query reads the baseline days and the detection day.
    schedule: (p) => ({ frequencyMinutes: 1440, periodMinutes: (p.number('baselineDays') + 1) * 1440 }),
  };
}
