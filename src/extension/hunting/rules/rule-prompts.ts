// The questions of "Export as Sentinel Analytics Rule...", each answered in advance by the
// draft (the template's defaults or exportQueryRule's). ATT&CK techniques come first so that
// the tactics they need are already ticked.
import { ATTACK_TACTICS, HUNT_TEMPLATES, ruleDurationMinutes, SEVERITIES, type AttackTactic, type Severity } from '../../../hunts';
import { tacticsOfTechnique } from '../../../hunts/rules/mitre';
import { askText, pickMany, pickOne, splitList } from '../ui/prompts';
import type { RuleDraft } from './draft';

const TITLE = 'Sentinel Hunt: Export as Sentinel Analytics Rule';
const TECHNIQUE = /^T\d{4}(\.\d{3})?$/;
const OTHER = '(other)';

export async function promptRule(draft: RuleDraft): Promise<RuleDraft> {
  const name = await askText({
    title: TITLE, prompt: 'Rule name', value: draft.name,
    validate: (text) => (text.trim() !== '' && text.length <= 256 ? undefined : '1 to 256 characters'),
  });
  const severity = await pickOne<Severity>(TITLE, [...SEVERITIES].reverse().map((s) => ({
    label: s, description: s === draft.severity ? (draft.template ? `default of ${draft.template}` : 'default') : undefined, value: s,
  })).sort((a, b) => Number(b.value === draft.severity) - Number(a.value === draft.severity)), 'Severity');
  const queryFrequency = await askText({
    title: TITLE, prompt: 'How often the rule runs (5m to 14d, e.g. 1h or 1d)', value: draft.queryFrequency,
    validate: (text) => durationProblem(text),
  });
  const frequencyMinutes = ruleDurationMinutes(queryFrequency) ?? 0;
  const queryPeriod = await askText({
    title: TITLE, prompt: 'How much data each run looks back over (at least the frequency, at most 14d)', value: draft.queryPeriod,
    validate: (text) => durationProblem(text) ?? ((ruleDurationMinutes(text.trim()) ?? 0) < frequencyMinutes ? `at least the frequency ${queryFrequency}` : undefined),
  });
  const techniques = await promptTechniques(draft.techniques ?? []);
  const tactics = await promptTactics(draft.tactics ?? [], techniques);
  return { ...draft, name, severity, queryFrequency, queryPeriod, techniques, tactics };
}

function durationProblem(text: string): string | undefined {
  const minutes = ruleDurationMinutes(text.trim());
  if (minutes === undefined) return 'a duration such as 5m, 1h or 1d';
  return minutes < 5 || minutes > 14 * 1440 ? 'from 5m to 14d' : undefined;
}

async function promptTechniques(defaults: readonly string[]): Promise<string[]> {
  const suggested = [...new Set([...defaults, ...HUNT_TEMPLATES.flatMap((t) => t.rule?.techniques ?? [])])];
  const picked = await pickMany(TITLE, [
    ...suggested.map((id) => ({ label: id, description: tacticsOfTechnique(id)?.join(', '), picked: defaults.includes(id), value: id })),
    { label: 'Other technique ids...', value: OTHER },
  ], 'MITRE ATT&CK techniques (none is fine)');
  const chosen = picked.filter((id) => id !== OTHER);
  if (picked.includes(OTHER)) {
    const more = await askText({
      title: TITLE, prompt: 'Technique ids, comma-separated (e.g. T1114.003, T1020)',
      validate: (text) => (splitList(text).every((id) => TECHNIQUE.test(id)) ? undefined : 'technique ids such as T1048 or T1583.001'),
    });
    chosen.push(...splitList(more).filter((id) => !chosen.includes(id)));
  }
  return chosen;
}

async function promptTactics(defaults: readonly AttackTactic[], techniques: readonly string[]): Promise<AttackTactic[]> {
  const needed = new Set(techniques.flatMap((id) => tacticsOfTechnique(id) ?? []));
  return pickMany(TITLE, ATTACK_TACTICS.map((t) => ({
    label: t,
    description: needed.has(t) ? 'needed by the chosen techniques' : undefined,
    picked: defaults.includes(t) || needed.has(t),
    value: t,
  })), 'MITRE ATT&CK tactics');
}
