// The questions of "Set Up Azure Ingestion...": what to create (profile, workspace, rule,
// region, who may ingest), and for a deployment where (subscription, resource group).
import { defaultRuleName } from '../../../azure/setup-template';
import { ingestProfile, type IngestProfileName } from '../../../ingest/profiles';
import type { Memory } from '../state/memory';
import { askText, pickOne, rememberedFirst } from '../ui/prompts';

export const SETUP_TITLE = 'Sentinel Hunt: Set Up Azure Ingestion';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SetupAnswers {
  profile: IngestProfileName;
  workspaceName: string;
  dcrName: string;
  location?: string;
  principalId?: string;
}

export async function promptSetup(memory: Memory): Promise<SetupAnswers> {
  const last = memory.getGlobal('azure.setup');
  const profile = await pickOne<IngestProfileName>(SETUP_TITLE, rememberedFirst<IngestProfileName>([
    { label: 'classic', description: 'EmailEvents_CL', detail: 'The 2020 recipe\'s table (an existing one must be migrated to a DCR-based table first)', value: 'classic' },
    { label: 'dcr', description: 'MessageTrace_CL', detail: 'A new table with plain column names', value: 'dcr' },
  ], last?.profile), 'Table profile');
  const workspaceName = await askText({
    title: SETUP_TITLE, prompt: 'Name of the Log Analytics workspace (Microsoft Sentinel\'s)', value: last?.workspaceName,
    validate: (text) => (/^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$/.test(text.trim()) ? undefined : '4 to 63 letters, digits and hyphens'),
  });
  const dcrName = await askText({
    title: SETUP_TITLE, prompt: 'Name of the data collection rule to create', value: last?.profile === profile && last.dcrName ? last.dcrName : defaultRuleName(ingestProfile(profile)),
    validate: (text) => (/^[A-Za-z0-9][-\w.]{1,63}$/.test(text.trim()) ? undefined : 'letters, digits, - _ . (at most 64)'),
  });
  const location = await askText({
    title: SETUP_TITLE, prompt: 'Region of the workspace, e.g. westeurope (empty: the resource group\'s)', value: last?.location,
    validate: (text) => (text.trim() === '' || /^[a-z0-9]+$/.test(text.trim()) ? undefined : 'a region name such as westeurope or eastus2'),
  });
  const principalId = await askText({
    title: SETUP_TITLE,
    prompt: 'Object id of the identity that will ingest (gets Monitoring Metrics Publisher on the rule; empty: assign it yourself)',
    value: last?.principalId,
    validate: (text) => (text.trim() === '' || GUID.test(text.trim()) ? undefined : 'an object id (GUID): the app\'s service principal or your user'),
  });
  const answers = { profile, workspaceName, dcrName, location: location || undefined, principalId: principalId || undefined };
  await memory.setGlobal('azure.setup', { subscription: '', resourceGroup: '', ...last, profile, workspaceName, dcrName, location, principalId });
  return answers;
}

export async function promptDeployment(memory: Memory): Promise<{ subscription: string; resourceGroup: string }> {
  const last = memory.getGlobal('azure.setup');
  const subscription = await askText({
    title: SETUP_TITLE, prompt: 'Subscription id of the workspace', value: last?.subscription,
    validate: (text) => (GUID.test(text.trim()) ? undefined : 'a subscription id (GUID)'),
  });
  const resourceGroup = await askText({
    title: SETUP_TITLE, prompt: 'Resource group of the workspace (the rule is created there)', value: last?.resourceGroup,
    validate: (text) => (/^[-\w.()]{1,90}$/.test(text.trim()) && !text.trim().endsWith('.') ? undefined : 'a resource group name'),
  });
  if (last) await memory.setGlobal('azure.setup', { ...last, subscription, resourceGroup });
  return { subscription, resourceGroup };
}
