// "Sentinel Hunt: New Hunt from Template...": a template, the tenant's domains and the profile
// (from the settings), its parameters, rendered into a new untitled .kql editor.
import * as vscode from 'vscode';
import { HUNT_TEMPLATES, huntProfile, huntTemplate, normaliseTenantDomains, renderHunt, type ParameterInput, type ProfileName } from '../../../hunts';
import type { HuntTemplate } from '../../../hunts/template';
import type { Memory } from '../state/memory';
import { readSettings } from '../state/settings';
import type { Invocation } from '../ui/command';
import { openUntitled } from '../ui/documents';
import type { HuntingLog } from '../ui/log';
import { askText, pickOne, rememberedFirst, splitList } from '../ui/prompts';
import { promptParameters } from './parameter-prompts';

const TITLE = 'Sentinel Hunt: New Hunt from Template';

export interface NewHuntOptions {
  template: string;
  /** Default: the sentinelHunt.tenantDomains setting. */
  domains?: string[];
  /** Default: the sentinelHunt.profile setting. */
  profile?: ProfileName;
  params?: Record<string, ParameterInput>;
}

export interface NewHuntResult {
  template: string;
  profile: ProfileName;
  query: string;
  uri: string;
}


export async function newHuntCommand(invocation: Invocation<NewHuntOptions>, deps: { memory: Memory; log: HuntingLog }): Promise<NewHuntResult> {
  const settings = readSettings();
  let template: HuntTemplate;
  let options: Required<NewHuntOptions>;
  if (invocation.interactive) {
    template = await pickTemplate(deps.memory);
    const profile = await pickProfile(template, settings.profile);
    const domains = template.usesTenantDomains && settings.tenantDomains.length === 0 ? await askDomains(deps.memory) : settings.tenantDomains;
    options = { template: template.name, profile, domains, params: await promptParameters(TITLE, template) };
  } else {
    template = huntTemplate(invocation.options.template);
    options = {
      template: template.name,
      profile: invocation.options.profile ?? settings.profile,
      domains: invocation.options.domains ?? settings.tenantDomains,
      params: invocation.options.params ?? {},
    };
  }
  const rendered = renderHunt(template, { profile: options.profile, domains: options.domains, params: options.params });
  const editor = await openUntitled(`${template.name}.kql`, 'kql', `${rendered.query}\n`);
  deps.log.line('hunt', `new hunt ${template.name} (profile ${rendered.profile.name}, ${rendered.params.summary() || 'no parameters'})`);
  return { template: template.name, profile: rendered.profile.name, query: rendered.query, uri: editor.document.uri.toString() };
}

async function pickTemplate(memory: Memory): Promise<HuntTemplate> {
  const items = HUNT_TEMPLATES.map((t) => ({
    label: t.title,
    description: `${t.name} · ${t.kind}`,
    detail: t.description,
    value: t.name,
  }));
  const name = await pickOne(TITLE, rememberedFirst(items, memory.get('hunt.template')), 'Hunt template');
  await memory.set('hunt.template', name);
  return huntTemplate(name);
}

/** The settings' profile, or a choice among the template's when it is not one of them. */
async function pickProfile(template: HuntTemplate, preferred: ProfileName): Promise<ProfileName> {
  if (template.profiles.includes(preferred)) return preferred;
  const why = template.unavailable?.[preferred];
  return pickOne(TITLE, template.profiles.map((p) => ({ label: p, description: huntProfile(p).table, value: p })),
    `${template.name} is not available for profile ${preferred}${why ? ` (${why})` : ''}: pick another`);
}

async function askDomains(memory: Memory): Promise<string[]> {
  const remembered = memory.get('hunt.tenantDomains');
  const text = await askText({
    title: TITLE,
    prompt: 'Your tenant\'s domains, comma-separated (set sentinelHunt.tenantDomains to skip this question)',
    value: remembered?.join(', '),
    placeHolder: 'contoso.com, contoso.onmicrosoft.com',
    validate: (value) => {
      try {
        normaliseTenantDomains(splitList(value));
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    },
  });
  const domains = splitList(text);
  await memory.set('hunt.tenantDomains', domains);
  if (!remembered) void vscode.window.showInformationMessage(`Tip: set "sentinelHunt.tenantDomains": ${JSON.stringify(domains)} in your settings to skip the domains question.`);
  return domains;
}
