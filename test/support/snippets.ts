// Loads snippets/kql.json and expands snippet bodies into the plain text VS Code inserts
// when every placeholder keeps its default (the subset of VS Code's snippet syntax that
// matters here: tab stops, placeholders, nesting, mirrors, choices, variables, escapes).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths';

export const snippetsFile = path.join(repoRoot, 'snippets', 'kql.json');

export interface Snippet {
  /** The key in snippets/kql.json (shown as the snippet's name). */
  name: string;
  prefix: string | string[];
  description: string;
  /** The body as VS Code joins it: array entries are lines. */
  body: string;
}

/** The raw file, parsed; structure checks are the test's job. */
export function readSnippetFile(file = snippetsFile): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

export function loadSnippets(file = snippetsFile): Snippet[] {
  return Object.entries(readSnippetFile(file)).map(([name, value]) => {
    const entry = value as { prefix: string | string[]; description: string; body: string | string[] };
    return { name, prefix: entry.prefix, description: entry.description, body: Array.isArray(entry.body) ? entry.body.join('\n') : entry.body };
  });
}

export function prefixes(snippet: Snippet): string[] {
  return Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix];
}

type Node =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children?: Node[] }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; children?: Node[] };

/**
 * The text inserted when every placeholder keeps its default: `${1:default}` -> default
 * (nested placeholders expanded), `$1`/`${1}` -> the default of tab stop 1 if another
 * occurrence has one (a mirror) else empty, `$0` -> empty, `${1|a,b|}` -> a, variables ->
 * their default or empty, `\$`, `\}` and `\\` -> the character. Throws on malformed syntax.
 */
export function expandSnippet(body: string): string {
  const nodes = new SnippetParser(body).parse();
  const defaults = new Map<number, Node[]>();
  const collect = (list: Node[]) => {
    for (const node of list) {
      if (node.kind === 'tabstop' && node.children) {
        if (!defaults.has(node.index)) defaults.set(node.index, node.children);
        collect(node.children);
      } else if (node.kind === 'choice') {
        if (!defaults.has(node.index)) defaults.set(node.index, [{ kind: 'text', value: node.options[0] ?? '' }]);
      } else if (node.kind === 'variable' && node.children) {
        collect(node.children);
      }
    }
  };
  collect(nodes);
  const render = (list: Node[], depth: number): string => {
    if (depth > 20) throw new Error('snippet placeholders refer to each other in a cycle');
    return list.map((node) => {
      switch (node.kind) {
        case 'text': return node.value;
        case 'choice': return node.options[0] ?? '';
        case 'variable': return node.children ? render(node.children, depth + 1) : '';
        case 'tabstop': {
          const children = node.children ?? (node.index === 0 ? undefined : defaults.get(node.index));
          return children ? render(children, depth + 1) : '';
        }
      }
    }).join('');
  };
  return render(nodes, 0);
}

class SnippetParser {
  private pos = 0;

  constructor(private readonly source: string) {}

  parse(): Node[] {
    const nodes = this.sequence(false);
    if (this.pos < this.source.length) throw this.error('unexpected "}"');
    return nodes;
  }

  /** Text and elements up to the end, or (inside a placeholder) up to an unescaped `}`. */
  private sequence(nested: boolean): Node[] {
    const nodes: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.source.length) {
      const ch = this.source[this.pos];
      if (ch === '\\') {
        const next = this.source[this.pos + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          this.pos += 2;
        } else {
          text += ch;
          this.pos++;
        }
      } else if (ch === '}' && nested) {
        break;
      } else if (ch === '$') {
        const element = this.element();
        if (element) {
          flush();
          nodes.push(element);
        } else {
          text += '$';
          this.pos++;
        }
      } else {
        text += ch;
        this.pos++;
      }
    }
    flush();
    return nodes;
  }

  /** A `$...` element at pos, or undefined (pos unchanged) when `$` is literal text. */
  private element(): Node | undefined {
    const rest = this.source.slice(this.pos + 1);
    const simple = /^(\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (simple) {
      this.pos += 1 + simple[0].length;
      return /^\d/.test(simple[0]) ? { kind: 'tabstop', index: Number(simple[0]) } : { kind: 'variable', name: simple[0] };
    }
    const braced = /^\{(\d+|[A-Za-z_][A-Za-z0-9_]*)([:|}])/.exec(rest);
    if (!braced) {
      if (rest.startsWith('{')) throw this.error('malformed "${"');
      return undefined;
    }
    const [whole, id, mark] = braced;
    const start = this.pos;
    this.pos += 1 + whole.length;
    const isIndex = /^\d/.test(id);
    if (mark === '}') return isIndex ? { kind: 'tabstop', index: Number(id) } : { kind: 'variable', name: id };
    if (mark === '|') {
      if (!isIndex) throw this.error('a choice needs a tab stop number');
      const options = this.choiceOptions();
      return { kind: 'choice', index: Number(id), options };
    }
    const children = this.sequence(true);
    if (this.source[this.pos] !== '}') {
      this.pos = start;
      throw this.error('unterminated placeholder');
    }
    this.pos++;
    return isIndex ? { kind: 'tabstop', index: Number(id), children } : { kind: 'variable', name: id, children };
  }

  /** `a,b|}` after `${1|`: options separated by unescaped commas; `\,` `\|` `\\` escape. */
  private choiceOptions(): string[] {
    const options: string[] = [];
    let current = '';
    while (this.pos < this.source.length) {
      const ch = this.source[this.pos];
      if (ch === '\\' && ',|\\$}'.includes(this.source[this.pos + 1] ?? '')) {
        current += this.source[this.pos + 1];
        this.pos += 2;
      } else if (ch === ',') {
        options.push(current);
        current = '';
        this.pos++;
      } else if (ch === '|' && this.source[this.pos + 1] === '}') {
        options.push(current);
        this.pos += 2;
        return options;
      } else {
        current += ch;
        this.pos++;
      }
    }
    throw this.error('unterminated choice');
  }

  private error(message: string): Error {
    return new Error(`${message} at offset ${this.pos} of snippet body ${JSON.stringify(this.source.slice(0, 60))}...`);
  }
}
