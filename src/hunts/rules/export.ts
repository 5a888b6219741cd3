// "Export as Sentinel Analytics Rule": a rendered detection template (or any query) as an
// Azure-Sentinel rule, its YAML, and what the repository's validation would reject in it.
import { HuntError } from '../errors';
import { HUNT_TEMPLATES, huntTemplate } from '../registry';
import { renderHunt, type RenderedHunt, type RenderOptions } from '../render';
import type { HuntTemplate } from '../template';
import { nameBasedUuid } from './rule-id';
import { ruleDuration } from './schedule';
import type { AnalyticsRule, AttackTactic, DataConnector, EntityMapping, Severity } from './types';
import { validateRule, type RuleProblem } from './validate';
import { ruleToYaml } from './yaml';

export interface RuleOverrides {
  id?: string;
  name?: string;
  description?: string;
  severity?: Severity;
  /** <n>m, <n>h or <n>d; default: the template's schedule for its parameters. */
  queryFrequency?: string;
  queryPeriod?: string;
  triggerThreshold?: number;
  version?: string;
}

export interface ExportedRule {
  rule: AnalyticsRule;
  yaml: string;
  /** Empty when the rule passes the Azure-Sentinel repository's checks. */
  problems: RuleProblem[];
}

/** Custom tables (classic, dcr) have no Sentinel data connector; Defender's EmailEvents has. */
function dataConnectors(rendered: RenderedHunt): DataConnector[] {
  return rendered.profile.name === 'mdo' ? [{ connectorId: 'MicrosoftThreatProtection', dataTypes: [rendered.profile.table] }] : [];
}

export function exportHuntRule(template: string | HuntTemplate, options: RenderOptions & RuleOverrides = {}): ExportedRule & { rendered: RenderedHunt } {
  const t = typeof template === 'string' ? huntTemplate(template) : template;
  const defaults = t.rule;
  if (defaults === undefined) {
    const detections = HUNT_TEMPLATES.filter((d) => d.rule !== undefined).map((d) => d.name);
    throw new HuntError(`template ${t.name} is a report (it returns rows on every run), not a detection; rules are exported from ${detections.join(', ')}`);
  }
  const rendered = renderHunt(t, { ...options, params: { ...defaults.params, ...options.params } });
  const schedule = defaults.schedule(rendered.params);
  const domains = rendered.params.domains;
  const rule: AnalyticsRule = {
    id: options.id ?? nameBasedUuid(`hunt/${t.name}/${rendered.profile.name}/${domains.join(',')}`),
    name: options.name ?? t.title,
    description: options.description ?? `${t.description} Tenant domains: ${domains.join(', ')}. Exported by sentinel-hunt from `
      + `template ${t.name}, profile ${rendered.profile.name} (${rendered.profile.table}), parameters ${rendered.params.summary()}.`,
    severity: options.severity ?? defaults.severity,
    requiredDataConnectors: dataConnectors(rendered),
    queryFrequency: options.queryFrequency ?? ruleDuration(schedule.frequencyMinutes),
    queryPeriod: options.queryPeriod ?? ruleDuration(schedule.periodMinutes),
    triggerOperator: 'gt',
    triggerThreshold: options.triggerThreshold ?? 0,
    tactics: [...defaults.tactics],
    relevantTechniques: [...defaults.techniques],
    query: rendered.query,
    entityMappings: defaults.entityMappings.map(copyMapping),
    customDetails: defaults.customDetails === undefined ? undefined : { ...defaults.customDetails },
    version: options.version ?? '1.0.0',
    kind: 'Scheduled',
  };
  return { rule, yaml: ruleToYaml(rule), problems: validateRule(rule), rendered };
}

export interface QueryRuleInput extends RuleOverrides {
  query: string;
  name: string;
  tactics?: AttackTactic[];
  techniques?: string[];
  entityMappings?: EntityMapping[];
  customDetails?: Record<string, string>;
  requiredDataConnectors?: DataConnector[];
}

/** Any query as a Scheduled rule (default: Medium, every hour over the last hour, alert on any row). */
export function exportQueryRule(input: QueryRuleInput): ExportedRule {
  const rule: AnalyticsRule = {
    id: input.id ?? nameBasedUuid(`query/${input.name}`),
    name: input.name,
    description: input.description ?? input.name,
    severity: input.severity ?? 'Medium',
    requiredDataConnectors: input.requiredDataConnectors ?? [],
    queryFrequency: input.queryFrequency ?? '1h',
    queryPeriod: input.queryPeriod ?? input.queryFrequency ?? '1h',
    triggerOperator: 'gt',
    triggerThreshold: input.triggerThreshold ?? 0,
    tactics: input.tactics ?? [],
    relevantTechniques: input.techniques ?? [],
    // A rule only counts rows; a chart request at the end means nothing to it.
    query: input.query.replace(/\n\s*\|\s*render\b[^\n]*\s*$/, ''),
    entityMappings: input.entityMappings?.map(copyMapping),
    customDetails: input.customDetails,
    version: input.version ?? '1.0.0',
    kind: 'Scheduled',
  };
  return { rule, yaml: ruleToYaml(rule), problems: validateRule(rule) };
}

function copyMapping(m: EntityMapping): EntityMapping {
  return { entityType: m.entityType, fieldMappings: m.fieldMappings.map((f) => ({ ...f })) };
}
