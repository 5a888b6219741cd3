// Every hunt template, in the order a template picker shows them.
import { HuntError } from './errors';
import type { HuntTemplate } from './template';
import { directionSummary } from './templates/direction-summary';
import { exfilBytes } from './templates/exfil-bytes';
import { exfilRate } from './templates/exfil-rate';
import { exfilRatePerSender } from './templates/exfil-rate-per-sender';
import { impersonation } from './templates/impersonation';
import { largestMessages } from './templates/largest-messages';
import { latestIngested } from './templates/latest-ingested';
import { mailFlow } from './templates/mail-flow';
import { topRecipients } from './templates/top-recipients';
import { topSenders } from './templates/top-senders';

export const HUNT_TEMPLATES: readonly HuntTemplate[] = [
  exfilRate, exfilRatePerSender, exfilBytes, impersonation,
  topSenders, topRecipients, mailFlow, directionSummary, largestMessages, latestIngested,
];

export function huntTemplate(name: string): HuntTemplate {
  const template = HUNT_TEMPLATES.find((t) => t.name === name);
  if (!template) throw new HuntError(`unknown template ${JSON.stringify(name)}; the templates are ${HUNT_TEMPLATES.map((t) => t.name).join(', ')}`);
  return template;
}
