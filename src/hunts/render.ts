// Rendering a template for a profile: a header comment, one `let` per parameter (so the
// analyst can still change it in the editor), the tenant's domains, then the body. No blank
// line anywhere: an editor splits a KQL file into queries at blank lines.
import { normaliseTenantDomains } from './domains';
import { HuntError } from './errors';
import { resolveParameters, type HuntParameters, type ParameterInput } from './parameters';
import { huntProfile, type HuntProfile, type ProfileName } from './profiles';
import { huntTemplate } from './registry';
import type { HuntTemplate } from './template';
import { tenantLets } from './tenant';

export interface RenderOptions {
  /** Default: classic. */
  profile?: ProfileName | string;
  /** Tenant domains, in any form (Unicode or ASCII); required by templates that use them. */
  domains?: readonly string[];
  /** Parameter values by name, as text (7d, 3.0) or numbers; the others take their defaults. */
  params?: Readonly<Record<string, ParameterInput>>;
}

export interface RenderedHunt {
  template: HuntTemplate;
  profile: HuntProfile;
  params: HuntParameters;
  query: string;
}

export function renderHunt(template: string | HuntTemplate, options: RenderOptions = {}): RenderedHunt {
  const t = typeof template === 'string' ? huntTemplate(template) : template;
  const profile = huntProfile(options.profile ?? 'classic');
  if (!t.profiles.includes(profile.name)) {
    const why = t.unavailable?.[profile.name];
    throw new HuntError(`template ${t.name} is not available for profile ${profile.name}${why ? ` (${why})` : ''}; use ${t.profiles.join(' or ')}`);
  }
  const given = options.domains ?? [];
  // Domains are checked even where a template does not use them: a typo is still a typo.
  const domains = t.usesTenantDomains || given.length > 0 ? normaliseTenantDomains(given) : [];
  const params = resolveParameters(t.name, t.parameters, domains, options.params);
  const lines = [
    `// Sentinel Hunt template ${t.name}, profile ${profile.name} (${profile.table}).`,
    ...wrapComment(t.description),
    ...t.parameters.filter((p) => !t.renderOnly?.includes(p.name)).map((p) => `${params.let(p.name)} // ${p.description}`),
    ...(t.usesTenantDomains ? tenantLets(domains) : []),
    ...t.body(params, profile),
  ];
  return { template: t, profile, params, query: lines.join('\n') };
}

function wrapComment(text: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '//';
  for (const word of text.split(/\s+/)) {
    if (line.length + 1 + word.length > width && line !== '//') {
      lines.push(line);
      line = '//';
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines;
}
