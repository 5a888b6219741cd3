// The checks the Azure-Sentinel repository runs on a Detections/*.yaml rule
// (.script/tests/detectionTemplateSchemaValidation), so an exported rule is known to pass them.
import { ENTITY_TYPES } from './entities';
import { tacticsOfTechnique } from './mitre';
import { usesSearch, usesUnionStar } from './query-text';
import { MAX_SCHEDULE_MINUTES, MIN_SCHEDULE_MINUTES, ruleDurationMinutes } from './schedule';
import { ATTACK_TACTICS, SEVERITIES, TRIGGER_OPERATORS, type AnalyticsRule, type EntityMapping } from './types';

export interface RuleProblem {
  /** The YAML field, e.g. queryFrequency or entityMappings[2].fieldMappings. */
  field: string;
  message: string;
}

export const MAX_QUERY_LENGTH = 10_000;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const TECHNIQUE = /^T\d{4}(\.\d{3})?$/;
const COLUMN_NAME = /^[a-zA-Z_]+\w*$/;
const DETAIL_KEY = /^[a-zA-Z]+\w*$/;
const VERSION = /^\d+\.\d+\.\d+$/;
// Pre-2021 entity columns: a query that still projects one needs a matching entity mapping.
const OLD_ENTITY_COLUMNS = ['AccountCustomEntity', 'HostCustomEntity', 'IPCustomEntity', 'URLCustomEntity', 'ProcessCustomEntity', 'FileHashCustomEntity'];

export function validateRule(rule: AnalyticsRule): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });

  if (!GUID.test(rule.id)) problem('id', `${JSON.stringify(rule.id)} is not a GUID`);
  if (rule.name.trim() === '' || rule.name.length > 256) problem('name', 'must have 1 to 256 characters');
  if (rule.description.trim() === '' || rule.description.length > 5000) problem('description', 'must have 1 to 5,000 characters');
  if (!SEVERITIES.includes(rule.severity)) problem('severity', `must be one of ${SEVERITIES.join(', ')}`);
  if (rule.kind !== 'Scheduled' && rule.kind !== 'NRT') problem('kind', 'must be Scheduled or NRT');
  if (!VERSION.test(rule.version)) problem('version', `${JSON.stringify(rule.version)} is not X.Y.Z (all numbers)`);
  rule.requiredDataConnectors.forEach((c, i) => {
    if (c.connectorId.trim() === '') problem(`requiredDataConnectors[${i}].connectorId`, 'is empty');
    if (c.dataTypes.length === 0) problem(`requiredDataConnectors[${i}].dataTypes`, 'needs at least one data type');
  });

  checkSchedule(rule, problem);
  if (!TRIGGER_OPERATORS.includes(rule.triggerOperator)) problem('triggerOperator', `must be one of ${TRIGGER_OPERATORS.join(', ')}`);
  if (!Number.isInteger(rule.triggerThreshold) || rule.triggerThreshold < 0 || rule.triggerThreshold > 10_000) problem('triggerThreshold', 'must be a whole number from 0 to 10,000');
  checkAttack(rule, problem);
  checkQuery(rule, problem);
  if (rule.entityMappings !== undefined) checkEntityMappings(rule.entityMappings, problem);
  if (rule.customDetails !== undefined) checkCustomDetails(rule.customDetails, problem);
  return problems;
}

type Report = (field: string, message: string) => void;

function checkSchedule(rule: AnalyticsRule, problem: Report): void {
  const frequency = ruleDurationMinutes(rule.queryFrequency);
  const period = ruleDurationMinutes(rule.queryPeriod);
  for (const [field, text, minutes] of [['queryFrequency', rule.queryFrequency, frequency], ['queryPeriod', rule.queryPeriod, period]] as const) {
    if (minutes === undefined) problem(field, `${JSON.stringify(text)} is not a duration such as 5m, 1h or 1d`);
    else if (minutes < MIN_SCHEDULE_MINUTES || minutes > MAX_SCHEDULE_MINUTES) problem(field, `${text} is outside 5m to 14d`);
  }
  if (frequency === undefined || period === undefined) return;
  if (period < frequency) problem('queryPeriod', `${rule.queryPeriod} is shorter than queryFrequency ${rule.queryFrequency}`);
  if (period >= 2 * 1440 && frequency < 60) problem('queryFrequency', `with a queryPeriod of 2 days or more (${rule.queryPeriod}) the frequency must be at least 1h, not ${rule.queryFrequency}`);
}

function checkAttack(rule: AnalyticsRule, problem: Report): void {
  rule.tactics.forEach((tactic, i) => {
    if (!ATTACK_TACTICS.includes(tactic)) problem(`tactics[${i}]`, `${JSON.stringify(tactic)} is not an ATT&CK tactic Sentinel knows`);
  });
  rule.relevantTechniques.forEach((technique, i) => {
    if (!TECHNIQUE.test(technique)) {
      problem(`relevantTechniques[${i}]`, `${JSON.stringify(technique)} is not a technique id such as T1048 or T1583.001`);
      return;
    }
    const tactics = tacticsOfTechnique(technique);
    if (tactics === undefined) problem(`relevantTechniques[${i}]`, `${technique} is not in the technique table sentinel-hunt checks tactics against`);
    else {
      const missing = tactics.filter((t) => !rule.tactics.includes(t));
      if (missing.length > 0) problem(`relevantTechniques[${i}]`, `${technique} needs the tactic${missing.length > 1 ? 's' : ''} ${missing.join(', ')} in tactics`);
    }
  });
}

function checkQuery(rule: AnalyticsRule, problem: Report): void {
  const query = rule.query;
  if (query.trim() === '') problem('query', 'is empty');
  if (query.length > MAX_QUERY_LENGTH) problem('query', `has ${query.length.toLocaleString('en-US')} characters; at most ${MAX_QUERY_LENGTH.toLocaleString('en-US')}`);
  if (rule.kind === 'Scheduled') {
    if (usesSearch(query)) problem('query', 'a Scheduled rule may not use the search operator');
    if (usesUnionStar(query)) problem('query', 'a Scheduled rule may not use union * (or wildcard table names in union)');
  }
  for (const column of OLD_ENTITY_COLUMNS) {
    const mapped = rule.entityMappings?.some((m) => m.fieldMappings.some((f) => f.columnName === column)) ?? false;
    if (query.includes(column) && !mapped) problem('entityMappings', `the query has the old entity column ${column} but no entity mapping uses it`);
  }
}

function checkEntityMappings(mappings: readonly EntityMapping[], problem: Report): void {
  if (mappings.length < 1 || mappings.length > 5) problem('entityMappings', `has ${mappings.length} entity mappings; 1 to 5 are allowed`);
  mappings.forEach((mapping, i) => {
    const where = `entityMappings[${i}]`;
    const type = ENTITY_TYPES[mapping.entityType];
    if (type === undefined) {
      problem(`${where}.entityType`, `${JSON.stringify(mapping.entityType)} is not a Sentinel entity type`);
      return;
    }
    const fields = mapping.fieldMappings;
    if (fields.length < 1 || fields.length > 3) problem(`${where}.fieldMappings`, `has ${fields.length} field mappings; 1 to 3 are allowed`);
    const used = new Set<string>();
    fields.forEach((field, j) => {
      const at = `${where}.fieldMappings[${j}]`;
      if (!type.identifiers.includes(field.identifier)) problem(`${at}.identifier`, `${JSON.stringify(field.identifier)} is not an identifier of ${mapping.entityType} (${type.identifiers.join(', ')})`);
      if (used.has(field.identifier)) problem(`${at}.identifier`, `${field.identifier} is mapped twice`);
      used.add(field.identifier);
      if (!COLUMN_NAME.test(field.columnName) || field.columnName.length > 500) problem(`${at}.columnName`, `${JSON.stringify(field.columnName)} is not a column name (a letter or _, then letters, digits or _)`);
    });
    if (!type.required.some((combination) => combination.every((id) => used.has(id)))) {
      problem(`${where}.fieldMappings`, `${mapping.entityType} needs one of: ${type.required.map((c) => c.join(' + ')).join('; ')}`);
    }
  });
}

function checkCustomDetails(details: Readonly<Record<string, string>>, problem: Report): void {
  const entries = Object.entries(details);
  if (entries.length > 20) problem('customDetails', `has ${entries.length} entries; at most 20`);
  for (const [key, value] of entries) {
    if (!DETAIL_KEY.test(key) || key.length > 20) problem(`customDetails.${key}`, 'a key is 1 to 20 letters, digits or _, starting with a letter');
    if (!COLUMN_NAME.test(value) || value.length > 500) problem(`customDetails.${key}`, `${JSON.stringify(value)} is not a column name`);
  }
}
