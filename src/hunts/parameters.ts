// Typed template parameters: declared by each template, given as text (the CLI's --param k=v,
// a form in the extension) or numbers, validated, and rendered as KQL literals in `let`
// statements at the top of the query, where an analyst can still change them.
import { HuntError } from './errors';
import { kqlInt, kqlReal, kqlString } from './kql-literals';

export type ParameterType = 'timespan' | 'int' | 'real' | 'choice' | 'name';

export interface ParameterSpec {
  /** The `let` name in the query and the key of --param. */
  name: string;
  type: ParameterType;
  description: string;
  /** The default, written as on the command line: 7d, 3.0, 20, inline. */
  default: string;
  /** Bounds for int and real; for timespan, in minutes. */
  min?: number;
  max?: number;
  /** The allowed values of a choice. */
  choices?: readonly string[];
}

export type ParameterInput = string | number;

interface Resolved {
  spec: ParameterSpec;
  /** Canonical text (7d, 3.0, 20, inline). */
  text: string;
  /** The KQL literal. */
  kql: string;
  /** int and real: the number; timespan: minutes; choice and name: NaN. */
  number: number;
}

const TIMESPAN = /^(\d{1,6})(d|h|m)$/;
const MINUTES: Readonly<Record<string, number>> = { d: 1440, h: 60, m: 1 };
// A watchlist alias or similar name: safe as a KQL string and readable in a query.
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** The validated parameters of one rendering, and the tenant's domains (ASCII). */
export class HuntParameters {
  constructor(readonly domains: readonly string[], private readonly values: ReadonlyMap<string, Resolved>) {}

  private get(name: string): Resolved {
    const value = this.values.get(name);
    if (value === undefined) throw new Error(`internal: template has no parameter ${name}`);
    return value;
  }

  /** `let name = <literal>;` */
  let(name: string): string {
    return `let ${name} = ${this.get(name).kql};`;
  }

  /** The KQL literal of a parameter (for one that has no `let`). */
  literal(name: string): string {
    return this.get(name).kql;
  }

  number(name: string): number {
    return this.get(name).number;
  }

  text(name: string): string {
    return this.get(name).text;
  }

  /** name=value pairs in declaration order, for the query's header comment. */
  summary(): string {
    return [...this.values.values()].map((v) => `${v.spec.name}=${v.text}`).join(' ');
  }

  /** Canonical text of every parameter. */
  toRecord(): Record<string, string> {
    return Object.fromEntries([...this.values.values()].map((v) => [v.spec.name, v.text]));
  }
}

/** Validates `given` against `specs`; unknown names and bad values throw HuntError. */
export function resolveParameters(template: string, specs: readonly ParameterSpec[], domains: readonly string[], given: Readonly<Record<string, ParameterInput>> = {}): HuntParameters {
  const known = new Map(specs.map((s) => [s.name, s]));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) {
      const list = specs.length === 0 ? 'it has none' : `its parameters are ${specs.map((s) => s.name).join(', ')}`;
      throw new HuntError(`unknown parameter ${JSON.stringify(name)} for template ${template}; ${list}`);
    }
  }
  const values = new Map<string, Resolved>();
  for (const spec of specs) {
    const input = Object.prototype.hasOwnProperty.call(given, spec.name) ? given[spec.name] : spec.default;
    values.set(spec.name, resolveOne(spec, input));
  }
  return new HuntParameters(domains, values);
}

function resolveOne(spec: ParameterSpec, input: ParameterInput): Resolved {
  const shown = typeof input === 'string' ? JSON.stringify(input) : String(input);
  const fail = (expected: string): never => {
    throw new HuntError(`parameter ${spec.name}: ${shown} is not valid; expected ${expected}`);
  };
  const text = typeof input === 'string' ? input.trim() : String(input);
  const range = (unit = '') => (spec.min !== undefined && spec.max !== undefined ? ` from ${spec.min}${unit} to ${spec.max}${unit}` : '');
  const inRange = (n: number) => (spec.min === undefined || n >= spec.min) && (spec.max === undefined || n <= spec.max);
  switch (spec.type) {
    case 'int': {
      const n = typeof input === 'number' ? input : /^\d{1,9}$/.test(text) ? Number(text) : NaN;
      if (!Number.isSafeInteger(n) || !inRange(n)) fail(`a whole number${range()}`);
      return { spec, text: String(n), kql: kqlInt(n), number: n };
    }
    case 'real': {
      const n = typeof input === 'number' ? input : /^\d{1,6}(\.\d{1,6})?$/.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(n) || !inRange(n)) fail(`a number such as 3.0${range()}`);
      return { spec, text: kqlReal(n), kql: kqlReal(n), number: n };
    }
    case 'timespan': {
      const match = typeof input === 'string' ? TIMESPAN.exec(text) : null;
      const minutes = match ? Number(match[1]) * MINUTES[match[2]] : NaN;
      if (!match || !inRange(minutes) || minutes <= 0) fail(`a duration such as 30m, 12h or 7d${spec.min !== undefined && spec.max !== undefined ? ` from ${duration(spec.min)} to ${duration(spec.max)}` : ''}`);
      const canonical = `${Number(match![1])}${match![2]}`;
      return { spec, text: canonical, kql: canonical, number: minutes };
    }
    case 'choice': {
      const choices = spec.choices ?? [];
      if (!choices.includes(text)) fail(`one of ${choices.join(', ')}`);
      return { spec, text, kql: kqlString(text), number: NaN };
    }
    case 'name':
      if (!NAME.test(text)) fail('a name of letters, digits, _ . - (at most 64 characters)');
      return { spec, text, kql: kqlString(text), number: NaN };
  }
}

/** Minutes as the shortest of 7d, 12h, 30m. */
export function duration(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}
