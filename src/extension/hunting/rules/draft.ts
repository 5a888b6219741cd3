// Where an exported rule's fields start: the template's rule when the query is a rendered
// detection template, otherwise exportQueryRule's defaults (Medium, every hour over an hour).
import { exportHuntRule, type QueryRuleInput } from '../../../hunts';
import { recogniseRenderedHunt } from './rendered-template';

export interface RuleDraft extends QueryRuleInput {
  queryFrequency: string;
  queryPeriod: string;
  /** The template the query was rendered from, when it is a detection. */
  template?: string;
}

export function draftRule(query: string): RuleDraft {
  const hunt = recogniseRenderedHunt(query);
  if (hunt?.template.rule) {
    try {
      const { rule } = exportHuntRule(hunt.template, { profile: hunt.profile, domains: hunt.domains, params: hunt.params });
      return {
        query,
        template: hunt.template.name,
        id: rule.id,
        name: rule.name,
        description: rule.description,
        severity: rule.severity,
        queryFrequency: rule.queryFrequency,
        queryPeriod: rule.queryPeriod,
        tactics: rule.tactics,
        techniques: rule.relevantTechniques,
        entityMappings: rule.entityMappings,
        customDetails: rule.customDetails,
        requiredDataConnectors: rule.requiredDataConnectors,
      };
    } catch {
      // e.g. the tenant domains were edited away: fall through to the plain defaults
    }
  }
  return { query, name: firstComment(query) ?? 'Sentinel Hunt query', queryFrequency: '1h', queryPeriod: '1h', severity: 'Medium', tactics: [], techniques: [] };
}

/** The first comment line's text, as a name for a rule made from an arbitrary query. */
function firstComment(query: string): string | undefined {
  const first = query.trimStart().split('\n')[0];
  const text = first.startsWith('//') ? first.replace(/^\/\/+\s*/, '').trim().replace(/[.:]$/, '') : undefined;
  return text && text.length <= 120 ? text : undefined;
}
