// A small YAML writer for analytics rules: block mappings and sequences, scalars plain only
// when YAML cannot read them as anything but that string, otherwise double-quoted with
// escapes, and multi-line text (the query) as a literal `|` block.
import type { AnalyticsRule } from './types';

type YamlValue = string | number | boolean | readonly YamlValue[] | { readonly [key: string]: YamlValue | undefined };

// Plain scalars that read back as the same string under YAML 1.1 and 1.2 resolvers: start
// with a letter, only letters, digits, spaces and - _ . / ( ) inside, no trailing space, and
// not a boolean or null word. Durations (1d), versions (1.0.0) and GUIDs are plain too.
const PLAIN = /^[A-Za-z][A-Za-z0-9 _./()-]*[A-Za-z0-9_.)-]$|^[A-Za-z]$/;
const SPECIAL_WORDS = /^(y|yes|n|no|true|false|on|off|null)$/i;
const SAFE_DIGITS = /^\d+[mhd]$|^\d+\.\d+\.\d+$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Characters YAML does not allow raw in a scalar (C0 controls but tab and newline, DEL, C1
// controls, line separators, BOM, non-characters) and a lone surrogate.
// eslint-disable-next-line no-control-regex
const NON_PRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function yamlString(value: string): string {
  if ((PLAIN.test(value) && !SPECIAL_WORDS.test(value)) || SAFE_DIGITS.test(value)) return value;
  return doubleQuoted(value);
}

function doubleQuoted(value: string): string {
  // JSON's escapes are YAML's; add those JSON leaves raw.
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text as a `|` block at `indent`, or double-quoted when a block cannot hold it exactly. */
function blockOrQuoted(text: string, indent: string): string {
  // The block's content sits two spaces deeper than its key, so the indicator is always 2.
  const body = text.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
  if (body === '' || NON_PRINTABLE.test(body) || /\t/.test(body.split('\n')[0].slice(0, 1))) return ` ${doubleQuoted(text)}`;
  // A first line starting with a space would be taken for more indentation: say how much.
  const indicator = body.startsWith(' ') ? '2' : '';
  return ` |${indicator}\n${body.split('\n').map((line) => (line === '' ? '' : indent + line)).join('\n')}`;
}

function scalar(value: string | number | boolean): string {
  return typeof value === 'string' ? yamlString(value) : String(value);
}

function isMapping(value: YamlValue): value is { readonly [key: string]: YamlValue | undefined } {
  return typeof value === 'object' && !Array.isArray(value);
}

/** `key: value` lines at `indent`; keys are fixed identifiers here. */
function mappingLines(mapping: { readonly [key: string]: YamlValue | undefined }, indent: string, blocks: ReadonlySet<string>): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(mapping)) {
    if (value === undefined) continue;
    const k = yamlString(key);
    if (typeof value === 'string' && (blocks.has(key) || value.includes('\n'))) lines.push(`${indent}${k}:${blockOrQuoted(value, `${indent}  `)}`);
    else if (Array.isArray(value)) {
      if (value.length === 0) lines.push(`${indent}${k}: []`);
      else lines.push(`${indent}${k}:`, ...sequenceLines(value, `${indent}  `));
    } else if (isMapping(value)) {
      if (Object.keys(value).length === 0) lines.push(`${indent}${k}: {}`);
      else lines.push(`${indent}${k}:`, ...mappingLines(value, `${indent}  `, blocks));
    } else lines.push(`${indent}${k}: ${scalar(value as string | number | boolean)}`);
  }
  return lines;
}

function sequenceLines(items: readonly YamlValue[], indent: string): string[] {
  const lines: string[] = [];
  for (const item of items) {
    if (isMapping(item)) {
      const inner = mappingLines(item, `${indent}  `, new Set());
      lines.push(`${indent}- ${inner[0].trimStart()}`, ...inner.slice(1));
    } else if (Array.isArray(item)) {
      throw new Error('internal: nested sequences are not written');
    } else lines.push(`${indent}- ${scalar(item as string | number | boolean)}`);
  }
  return lines;
}

/** The rule in the Azure-Sentinel repository's field order; the query as a `|` block. */
export function ruleToYaml(rule: AnalyticsRule): string {
  const ordered: { [key: string]: YamlValue | undefined } = {
    id: rule.id,
    name: rule.name,
    description: rule.description,
    severity: rule.severity,
    requiredDataConnectors: rule.requiredDataConnectors.map((c) => ({ connectorId: c.connectorId, dataTypes: c.dataTypes })),
    queryFrequency: rule.queryFrequency,
    queryPeriod: rule.queryPeriod,
    triggerOperator: rule.triggerOperator,
    triggerThreshold: rule.triggerThreshold,
    tactics: rule.tactics,
    relevantTechniques: rule.relevantTechniques,
    query: rule.query,
    entityMappings: rule.entityMappings?.map((m) => ({ entityType: m.entityType, fieldMappings: m.fieldMappings.map((f) => ({ identifier: f.identifier, columnName: f.columnName })) })),
    customDetails: rule.customDetails,
    version: rule.version,
    kind: rule.kind,
  };
  return `${mappingLines(ordered, '', new Set(['query', 'description'])).join('\n')}\n`;
}
