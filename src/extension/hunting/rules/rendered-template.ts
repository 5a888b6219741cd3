// Recognises a query rendered from a hunt template (renderHunt's header comment, its `let`
// statements) so that an exported rule starts from the template's rule defaults: schedule,
// severity, ATT&CK, entity mappings. Values an analyst edited into something invalid fall
// back to the template's defaults.
import { HUNT_TEMPLATES, isProfileName, normaliseTenantDomains, type ParameterInput, type ProfileName } from '../../../hunts';
import { resolveParameters } from '../../../hunts/parameters';
import type { HuntTemplate } from '../../../hunts/template';

export interface RecognisedHunt {
  template: HuntTemplate;
  profile: ProfileName;
  domains: string[];
  params: Record<string, ParameterInput>;
}

const HEADER = /^\s*\/\/ Sentinel Hunt template ([\w-]+), profile (\w+) \(/m;
const TENANT_DOMAINS = /^let tenantDomains = dynamic\(\[(.*)\]\);/m;

export function recogniseRenderedHunt(query: string): RecognisedHunt | undefined {
  const header = HEADER.exec(query);
  if (!header) return undefined;
  const template = HUNT_TEMPLATES.find((t) => t.name === header[1]);
  const profile = header[2];
  if (!template || !isProfileName(profile) || !template.profiles.includes(profile)) return undefined;
  const params: Record<string, ParameterInput> = {};
  for (const spec of template.parameters) {
    const match = new RegExp(`^let ${spec.name} = (.+?);`, 'm').exec(query);
    if (!match) continue;
    const value = literalText(match[1].trim());
    try {
      resolveParameters(template.name, [spec], [], { [spec.name]: value });
      params[spec.name] = value;
    } catch {
      // edited into something the template does not accept: keep its default
    }
  }
  return { template, profile, domains: tenantDomains(query), params };
}

/** A `let` literal as parameter text: a KQL string literal unquoted, anything else as it is. */
function literalText(literal: string): string {
  if (!literal.startsWith('"')) return literal;
  try {
    const value: unknown = JSON.parse(literal);
    return typeof value === 'string' ? value : literal;
  } catch {
    return literal;
  }
}

function tenantDomains(query: string): string[] {
  const match = TENANT_DOMAINS.exec(query);
  if (!match) return [];
  try {
    const values: unknown = JSON.parse(`[${match[1]}]`);
    if (!Array.isArray(values)) return [];
    return normaliseTenantDomains(values.filter((v): v is string => typeof v === 'string'));
  } catch {
    return [];
  }
}
