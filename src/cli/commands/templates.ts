// `sentinel-hunt templates [--format text|json]`: the hunt templates, their parameters and profiles.
import { parseArgs } from 'node:util';
import { duration, HUNT_TEMPLATES, type HuntTemplate, type ParameterSpec } from '../../hunts';
import { UsageError } from '../usage-error';

export const templatesUsage = `sentinel-hunt templates [--format text|json]
  Lists the hunt templates with their descriptions, profiles and parameters (for \`hunt\` and
  \`export-rule\`). --format json: an array of {name, title, description, kind, profiles,
  usesTenantDomains, parameters: [{name, type, default, min, max, choices, description}], rule}.`;

export interface TemplatesIo {
  out(text: string): void;
}

function parameterJson(p: ParameterSpec): Record<string, unknown> {
  return { name: p.name, type: p.type, default: p.default, min: p.min ?? null, max: p.max ?? null, choices: p.choices ?? null, description: p.description };
}

function templateJson(t: HuntTemplate): Record<string, unknown> {
  return {
    name: t.name,
    title: t.title,
    description: t.description,
    kind: t.kind,
    profiles: t.profiles,
    usesTenantDomains: t.usesTenantDomains,
    parameters: t.parameters.map(parameterJson),
    rule: t.rule ? { severity: t.rule.severity, tactics: t.rule.tactics, techniques: t.rule.techniques } : null,
  };
}

function wrap(text: string, indent: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = '';
    }
    line += line === '' ? word : ` ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

function range(p: ParameterSpec): string {
  if (p.choices) return ` (${p.choices.join(' | ')})`;
  if (p.min === undefined || p.max === undefined) return '';
  return p.type === 'timespan' ? ` (${duration(p.min)} to ${duration(p.max)})` : ` (${p.min} to ${p.max})`;
}

function templateText(t: HuntTemplate): string {
  const lines = [`${t.name}: ${t.title}`, ...wrap(t.description, '    ')];
  lines.push(`    ${t.kind}; profiles ${t.profiles.join(', ')}${t.rule ? `; rule: ${t.rule.tactics.join(', ')} / ${t.rule.techniques.join(', ')}` : ''}`);
  const heads = t.parameters.map((p) => `    --param ${p.name}=${p.default}`);
  const width = Math.max(...heads.map((h) => h.length), 14) + 2;
  if (t.usesTenantDomains) lines.push(`${'    --domain D'.padEnd(width)}the tenant's domains (required, repeatable)`);
  t.parameters.forEach((p, i) => lines.push(`${heads[i].padEnd(width)}${p.type}${range(p)}: ${p.description}`));
  return lines.join('\n');
}

export function runTemplatesCommand(argv: string[], io: TemplatesIo): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string', default: 'text' } } });
  if (positionals.length > 0) throw new UsageError('templates takes no arguments');
  if (values.format === 'json') {
    io.out(`${JSON.stringify(HUNT_TEMPLATES.map(templateJson), null, 2)}\n`);
    return 0;
  }
  if (values.format !== 'text') throw new UsageError(`unknown --format ${values.format}; expected text or json`);
  io.out(`${HUNT_TEMPLATES.map(templateText).join('\n\n')}\n`);
  return 0;
}
