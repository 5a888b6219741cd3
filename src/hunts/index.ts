// Hunt templates: typed parameters, rendering per schema profile, analytics rule export.
export { HUNT_TEMPLATES, huntTemplate } from './registry';
export { renderHunt, type RenderOptions, type RenderedHunt } from './render';
export type { HuntTemplate, RuleDefaults } from './template';
export { HuntParameters, duration, type ParameterInput, type ParameterSpec, type ParameterType } from './parameters';
export { huntProfile, isProfileName, PROFILE_NAMES, type HuntProfile, type ProfileName } from './profiles';
export { normaliseTenantDomain, normaliseTenantDomains } from './domains';
export { HuntError } from './errors';
export { exportHuntRule, exportQueryRule, type ExportedRule, type QueryRuleInput, type RuleOverrides } from './rules/export';
export { validateRule, MAX_QUERY_LENGTH, type RuleProblem } from './rules/validate';
export { ruleToYaml } from './rules/yaml';
export { ruleDuration, ruleDurationMinutes } from './rules/schedule';
export { ATTACK_TACTICS, SEVERITIES, type AnalyticsRule, type AttackTactic, type DataConnector, type EntityMapping, type FieldMapping, type Severity } from './rules/types';
