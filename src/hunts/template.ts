// What a hunt template is: typed parameters, the profiles it renders for, its query body per
// profile, and, for detections, what an exported analytics rule starts from.
import type { HuntParameters, ParameterSpec } from './parameters';
import type { HuntProfile, ProfileName } from './profiles';
import type { AttackTactic, EntityMapping, Severity } from './rules/types';

export interface RuleDefaults {
  severity: Severity;
  tactics: AttackTactic[];
  techniques: string[];
  /** On the query's result columns, which are the same for every profile. */
  entityMappings: EntityMapping[];
  customDetails?: Record<string, string>;
  /** Parameter values an exported rule uses unless the caller gives others. */
  params?: Readonly<Record<string, string>>;
  /** How often the rule runs and over how much data, in minutes, for these parameters. */
  schedule(params: HuntParameters): { frequencyMinutes: number; periodMinutes: number };
}

export interface HuntTemplate {
  name: string;
  /** A short label for a template picker. */
  title: string;
  description: string;
  /** A detection flags something (and can be exported as a rule); a report always returns rows. */
  kind: 'detection' | 'report';
  profiles: readonly ProfileName[];
  /** Why a profile is missing from `profiles`. */
  unavailable?: Partial<Record<ProfileName, string>>;
  usesTenantDomains: boolean;
  parameters: readonly ParameterSpec[];
  /**
   * Parameters that shape the rendering itself rather than the query (no `let` statement),
   * e.g. whether the lookalike list is inlined or read from a watchlist.
   */
  renderOnly?: readonly string[];
  /** The query after the header, the parameters' and the tenant's `let` statements. */
  body(params: HuntParameters, profile: HuntProfile): string[];
  rule?: RuleDefaults;
}
