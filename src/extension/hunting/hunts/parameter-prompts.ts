// A small form for a template's parameters: a quick pick listing each with its value (the
// template's default first), edited one at a time and checked by the hunts' own validation.
import { duration, type ParameterInput, type ParameterSpec } from '../../../hunts';
import { resolveParameters } from '../../../hunts/parameters';
import type { HuntTemplate } from '../../../hunts/template';
import { askText, pickOne, type Choice } from '../ui/prompts';

const CREATE = Symbol('create');

export async function promptParameters(title: string, template: HuntTemplate): Promise<Record<string, ParameterInput>> {
  const values: Record<string, string> = Object.fromEntries(template.parameters.map((p) => [p.name, p.default]));
  if (template.parameters.length === 0) return values;
  for (;;) {
    const summary = template.parameters.map((p) => `${p.name}=${values[p.name]}`).join('  ');
    const items: Choice<ParameterSpec | typeof CREATE>[] = [
      { label: '$(check) Create the hunt', detail: summary, value: CREATE },
      ...template.parameters.map((p) => ({
        label: `${p.name} = ${values[p.name]}`,
        description: `${p.type}${range(p)}${values[p.name] === p.default ? '' : `, default ${p.default}`}`,
        detail: p.description,
        value: p,
      })),
    ];
    const picked = await pickOne(title, items, 'Pick a parameter to change it, or create the hunt');
    if (picked === CREATE) return values;
    values[picked.name] = await askValue(title, template, picked, values[picked.name]);
  }
}

async function askValue(title: string, template: HuntTemplate, spec: ParameterSpec, current: string): Promise<string> {
  if (spec.choices) {
    return pickOne(title, spec.choices.map((c) => ({ label: c, description: c === spec.default ? 'default' : undefined, picked: c === current, value: c })), spec.description);
  }
  return askText({
    title,
    prompt: `${spec.name}: ${spec.description}`,
    value: current,
    validate: (text) => {
      try {
        resolveParameters(template.name, [spec], [], { [spec.name]: text });
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    },
  });
}

function range(p: ParameterSpec): string {
  if (p.min === undefined || p.max === undefined) return '';
  return p.type === 'timespan' ? ` (${duration(p.min)} to ${duration(p.max)})` : ` (${p.min} to ${p.max})`;
}
