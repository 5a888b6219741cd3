// Loads the extension's TextMate grammars with the same engine VS Code uses
// (vscode-textmate on vscode-oniguruma), for unit and integration tests.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { repoRoot } from './paths';

export const KQL_SCOPE = 'source.kql';
export const MARKDOWN_INJECTION_SCOPE = 'markdown.kql.codeblock';
export const MARKDOWN_SCOPE = 'text.html.markdown';

export const kqlGrammarFile = path.join(repoRoot, 'syntaxes', 'kql.tmLanguage.json');
export const markdownInjectionFile = path.join(repoRoot, 'syntaxes', 'kql.markdown.tmLanguage.json');

/**
 * VS Code's own Markdown grammar is not an npm dependency. The code-server install in the
 * git-ignored .tools/ folder (see ../shared/notes/vscode-testing.md) ships it; when it is
 * absent, findMarkdownGrammar() returns undefined and callers fall back to other checks.
 */
const markdownGrammarCandidates = [
  '.tools/code-server/node_modules/code-server/lib/vscode/extensions/markdown-basics/syntaxes/markdown.tmLanguage.json',
];

export function findMarkdownGrammar(): string | undefined {
  return markdownGrammarCandidates.map((p) => path.join(repoRoot, p)).find((p) => existsSync(p));
}

let onigLib: Promise<vsctm.IOnigLib> | undefined;

/** The Oniguruma WebAssembly build, loaded once per process. */
export function loadOniguruma(): Promise<vsctm.IOnigLib> {
  onigLib ??= (async () => {
    await oniguruma.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    };
  })();
  return onigLib;
}

function readGrammar(file: string): vsctm.IRawGrammar {
  return vsctm.parseRawGrammar(readFileSync(file, 'utf8'), file);
}

/** A registry that knows the KQL grammar, its Markdown injection and, if found, Markdown. */
export function createRegistry(): vsctm.Registry {
  const markdownFile = findMarkdownGrammar();
  const files: Record<string, string | undefined> = {
    [KQL_SCOPE]: kqlGrammarFile,
    [MARKDOWN_INJECTION_SCOPE]: markdownInjectionFile,
    [MARKDOWN_SCOPE]: markdownFile,
  };
  return new vsctm.Registry({
    onigLib: loadOniguruma(),
    loadGrammar: async (scopeName) => {
      const file = files[scopeName];
      return file ? readGrammar(file) : null;
    },
    getInjections: (scopeName) => (scopeName === MARKDOWN_SCOPE ? [MARKDOWN_INJECTION_SCOPE] : undefined),
  });
}

export async function loadKqlGrammar(registry = createRegistry()): Promise<vsctm.IGrammar> {
  const grammar = await registry.loadGrammar(KQL_SCOPE);
  if (!grammar) throw new Error(`cannot load ${kqlGrammarFile}`);
  return grammar;
}

export interface Token {
  text: string;
  /** Offset of the token in its line. */
  start: number;
  scopes: string[];
}

export interface TokenizedText {
  /** Tokens per line. */
  lines: Token[][];
  /** The rule stack after the last line. */
  state: vsctm.StateStack;
}

/** Tokenizes text line by line, carrying the rule stack as an editor does. */
export function tokenize(
  grammar: vsctm.IGrammar,
  text: string,
  state: vsctm.StateStack = vsctm.INITIAL,
): TokenizedText {
  const lines: Token[][] = [];
  for (const line of text.split(/\r?\n/)) {
    const result = grammar.tokenizeLine(line, state);
    lines.push(
      result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), start: t.startIndex, scopes: t.scopes })),
    );
    state = result.ruleStack;
  }
  return { lines, state };
}

/** The scopes still open in a rule stack (probed by tokenizing an empty line after it). */
export function openScopes(grammar: vsctm.IGrammar, state: vsctm.StateStack): string[] {
  const probe = grammar.tokenizeLine('', state);
  return probe.tokens[0]?.scopes.slice(1) ?? [];
}

/** True when a scope list contains `selector` or a scope below it (`string` matches `string.quoted.single.kql`). */
export function hasScope(scopes: readonly string[], selector: string): boolean {
  return scopes.some((s) => s === selector || s.startsWith(`${selector}.`));
}
