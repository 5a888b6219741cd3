// The KQL TextMate grammar, its Markdown injection and the language configuration,
// run through vscode-textmate + vscode-oniguruma, the engine VS Code itself uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import type { IGrammar } from 'vscode-textmate';
import { corpusFile, repoRoot } from '../support/paths';
import {
  createRegistry,
  findMarkdownGrammar,
  hasScope,
  loadKqlGrammar,
  loadOniguruma,
  markdownInjectionFile,
  MARKDOWN_SCOPE,
  openScopes,
  tokenize,
} from '../support/textmate';

let grammarPromise: Promise<IGrammar> | undefined;
const kql = () => (grammarPromise ??= loadKqlGrammar());

/** Tokens of a (possibly multi-line) text, with offsets into the whole text. */
async function tokensOf(text: string) {
  const { lines } = tokenize(await kql(), text);
  const out: { start: number; end: number; text: string; scopes: string[] }[] = [];
  let offset = 0;
  text.split('\n').forEach((line, i) => {
    for (const t of lines[i]) out.push({ start: offset + t.start, end: offset + t.start + t.text.length, text: t.text, scopes: t.scopes });
    offset += line.length + 1;
  });
  return out.filter((t) => t.end > t.start);
}

/**
 * [KQL, fragment, scope]: the first occurrence of the fragment is exactly a run of tokens
 * (it starts and ends on token boundaries), every non-blank token of it has the scope (or a
 * scope below it), and the tokens just outside it do not (so a string or comment neither
 * stops early nor runs on). A scope written "!scope" must be absent from the whole fragment.
 */
const cases: [string, string, string][] = [
  // strings
  [`x == 'abc' | take 1`, `'abc'`, 'string.quoted.single.kql'],
  [`x == "abc" | take 1`, `"abc"`, 'string.quoted.double.kql'],
  [`x == "a\\"b" | take 1`, `"a\\"b"`, 'string.quoted.double.kql'],
  [`x == 'it\\'s' | take 1`, `'it\\'s'`, 'string.quoted.single.kql'],
  [`x == 'a\\\\' | take 1`, `'a\\\\'`, 'string.quoted.single.kql'],
  [`x == 'a\\\\' | take 1`, `take`, 'keyword.other.query.kql'],
  [`x == "a'b" and y == 'c"d'`, `"a'b"`, 'string.quoted.double.kql'],
  [`x == "a'b" and y == 'c"d'`, `'c"d'`, 'string.quoted.single.kql'],
  [`x == @'C:\\path\\' | take 1`, `@'C:\\path\\'`, 'string.quoted.other.verbatim.kql'],
  [`x == @"C:\\temp" | take 1`, `@"C:\\temp"`, 'string.quoted.other.verbatim.kql'],
  [`x == @'it''s' | take 1`, `@'it''s'`, 'string.quoted.other.verbatim.kql'],
  [`x == @"say ""hi""" | take 1`, `@"say ""hi"""`, 'string.quoted.other.verbatim.kql'],
  [`x == h'secret' | take 1`, `h'secret'`, 'string.quoted.single'],
  [`x == h"secret" | take 1`, `h"secret"`, 'string.quoted.double'],
  [`x == H@'C:\\secret' | take 1`, `H@'C:\\secret'`, 'string.quoted.other.verbatim.kql'],
  [`x == "http://x" | take 1`, `"http://x"`, 'string.quoted.double.kql'],
  [`x == "http://x" | take 1`, `//x`, '!comment'],
  [`x == 'open\n| take 1`, `take`, 'keyword.other.query.kql'],
  ['print s = ```one\ntwo // "2"\nthree``` | take 1', '```one', 'string.quoted.other.multiline.kql'],
  ['print s = ```one\ntwo // "2"\nthree``` | take 1', 'two // "2"', 'string.quoted.other.multiline.kql'],
  ['print s = ```one\ntwo // "2"\nthree``` | take 1', 'three```', 'string.quoted.other.multiline.kql'],
  ['print s = ```one\ntwo // "2"\nthree``` | take 1', 'take', 'keyword.other.query.kql'],
  // comments
  [`// it's a comment`, `// it's a comment`, 'comment.line.double-slash.kql'],
  [`// it's a comment`, `it's`, '!string'],
  [`T | take 1 // "x\n| count`, `// "x`, 'comment.line.double-slash.kql'],
  [`T | take 1 // "x\n| count`, `count`, 'keyword.other.query.kql'],
  // numbers and timespans
  [`ago(1.5h)`, `1.5h`, 'constant.numeric.timespan.kql'],
  [`x > 10tick`, `10tick`, 'constant.numeric.timespan.kql'],
  [`x > 2microsecond`, `2microsecond`, 'constant.numeric.timespan.kql'],
  [`x > 100ms`, `100ms`, 'constant.numeric.timespan.kql'],
  [`bin(TimeGenerated, 30m)`, `30m`, 'constant.numeric.timespan.kql'],
  [`x == 0x1F`, `0x1F`, 'constant.numeric'],
  [`x == 1e5`, `1e5`, 'constant.numeric.kql'],
  [`x == 3.14`, `3.14`, 'constant.numeric.kql'],
  [`EventID == Event4624`, `Event4624`, '!constant.numeric'],
  [`x between (1 .. 10)`, `..`, 'keyword.operator.range.kql'],
  // typed literals
  [`x > datetime(2020-01-01)`, `datetime`, 'storage.type.kql'],
  [`x > datetime(2020-01-01)`, `2020-01-01`, 'constant.other.literal.kql'],
  [`x > datetime(2020-01-01 12:30:00.5)`, `2020-01-01 12:30:00.5`, 'constant.other.literal.kql'],
  [`x == timespan(1.02:03:04)`, `1.02:03:04`, 'constant.other.literal.kql'],
  [`x == guid(74be27de-1e4e-49d9-b579-fe0b331d3642)`, `74be27de-1e4e-49d9-b579-fe0b331d3642`, 'constant.other.literal.kql'],
  [`x == int(null)`, `int`, 'storage.type.kql'],
  [`x == int(null)`, `null`, 'constant.language.null.kql'],
  [`x in (dynamic(["a", "b"]))`, `dynamic`, 'storage.type.kql'],
  [`datatable(Name:string, N:long) ["a", 1]`, `long`, 'storage.type.kql'],
  // tabular operators
  [`T | project-away A`, `project-away`, 'keyword.other.query.kql'],
  [`T | project-rename B = A`, `project-rename`, 'keyword.other.query.kql'],
  [`T | project-reorder B, A`, `project-reorder`, 'keyword.other.query.kql'],
  [`T | project-keep A*`, `project-keep`, 'keyword.other.query.kql'],
  [`T | mv-expand Items to typeof(string)`, `mv-expand`, 'keyword.other.query.kql'],
  [`T | mv-expand Items to typeof(string)`, `string`, 'storage.type.kql'],
  [`T | mv-apply d = Items on (summarize make_bag(d))`, `mv-apply`, 'keyword.other.query.kql'],
  [`T | mv-apply d = Items on (summarize make_bag(d))`, `summarize`, 'keyword.other.query.kql'],
  [`T | parse-where S with * "id=" Id:int`, `parse-where`, 'keyword.other.query.kql'],
  [`T | parse-kv S as (k:string) with (pair_delimiter=',')`, `parse-kv`, 'keyword.other.query.kql'],
  [`T | make-series n = count() on Ts step 1h`, `make-series`, 'keyword.other.query.kql'],
  [`T | make-series n = count() on Ts step 1h`, `step`, 'keyword.other.kql'],
  [`T | top-nested 3 of A by count()`, `top-nested`, 'keyword.other.query.kql'],
  [`T | top-nested 3 of A by count()`, `of`, 'keyword.other.kql'],
  [`T | top-hitters 5 of A`, `top-hitters`, 'keyword.other.query.kql'],
  [`T | summarize n = count() by User`, `summarize`, 'keyword.other.query.kql'],
  [`T | summarize n = count() by User`, `by`, 'keyword.other.kql'],
  [`T | extend Day = startofday(TimeGenerated)`, `extend`, 'keyword.other.query.kql'],
  [`T | where A > 1`, `where`, 'keyword.other.query.kql'],
  [`T | where A > 1`, `|`, 'keyword.operator.pipe.kql'],
  [`T | join kind=leftanti (U) on $left.A == $right.B`, `join`, 'keyword.other.query.kql'],
  [`T | join kind=leftanti (U) on $left.A == $right.B`, `kind`, 'keyword.other.kql'],
  [`T | join kind=leftanti (U) on $left.A == $right.B`, `leftanti`, 'constant.language.kind.kql'],
  [`T | join kind=leftanti (U) on $left.A == $right.B`, `on`, 'keyword.other.kql'],
  [`T | join kind=leftanti (U) on $left.A == $right.B`, `$right`, 'variable.language.kql'],
  [`union isfuzzy=true A, B`, `union`, 'keyword.other.query.kql'],
  [`T | lookup (U) on Key`, `lookup`, 'keyword.other.query.kql'],
  [`T | render timechart with (title="x")`, `render`, 'keyword.other.query.kql'],
  [`T | render timechart with (title="x")`, `with`, 'keyword.other.kql'],
  [`range x from 1 to 10 step 1`, `range`, 'keyword.other.query.kql'],
  [`range x from 1 to 10 step 1`, `to`, 'keyword.other.kql'],
  [`print x = 1`, `print`, 'keyword.other.query.kql'],
  [`datatable(a:int) [1]`, `datatable`, 'keyword.other.query.kql'],
  // statements and keywords
  [`let x = 1;`, `let`, 'keyword.control.let.kql'],
  [`let x = 1;`, `x`, 'variable.other.declaration.kql'],
  [`let x = 1;`, `;`, 'punctuation.terminator.statement.kql'],
  [`let f = (a:string) { T | where B == a };`, `f`, 'entity.name.function.kql'],
  [`set query_now = datetime(2024-01-01);`, `set`, 'keyword.control.kql'],
  [`declare query_parameters(n:long = 10);`, `declare query_parameters`, 'keyword.control.kql'],
  [`let T = materialize(U); print toscalar(T | count)`, `materialize`, 'keyword.other.kql'],
  [`let T = materialize(U); print toscalar(T | count)`, `toscalar`, 'keyword.other.kql'],
  [`T | where a and b or not(c)`, `and`, 'keyword.operator.logical.kql'],
  [`T | where a and b or not(c)`, `not`, 'keyword.operator.logical.kql'],
  // functions
  [`T | extend s = strcat(A, "-", B)`, `strcat`, 'support.function.kql'],
  [`T | summarize arg_max(TimeGenerated, *) by Id`, `arg_max`, 'support.function.aggregation.kql'],
  [`T | summarize dcount(User)`, `dcount`, 'support.function.aggregation.kql'],
  [`T | extend d = series_decompose(y)`, `series_decompose`, 'support.function.kql'],
  [`T | extend y = MyFunction(x)`, `MyFunction`, 'entity.name.function.kql'],
  // operators
  [`T | where x !has "y"`, `!has`, 'keyword.operator.word.kql'],
  [`T | where x has_cs "y"`, `has_cs`, 'keyword.operator.word.kql'],
  [`T | where x !has_cs "y"`, `!has_cs`, 'keyword.operator.word.kql'],
  [`T | where x hasprefix "y"`, `hasprefix`, 'keyword.operator.word.kql'],
  [`T | where x hassuffix "y"`, `hassuffix`, 'keyword.operator.word.kql'],
  [`T | where x contains "y"`, `contains`, 'keyword.operator.word.kql'],
  [`T | where x !contains "y"`, `!contains`, 'keyword.operator.word.kql'],
  [`T | where x contains_cs "y"`, `contains_cs`, 'keyword.operator.word.kql'],
  [`T | where x startswith "y"`, `startswith`, 'keyword.operator.word.kql'],
  [`T | where x startswith_cs "y"`, `startswith_cs`, 'keyword.operator.word.kql'],
  [`T | where x !endswith "y"`, `!endswith`, 'keyword.operator.word.kql'],
  [`T | where x =~ "y"`, `=~`, 'keyword.operator.comparison.kql'],
  [`T | where x !~ "y"`, `!~`, 'keyword.operator.comparison.kql'],
  [`T | where x in ("y")`, `in`, 'keyword.operator.word.kql'],
  [`T | where x !in ("y")`, `!in`, 'keyword.operator.word.kql'],
  [`T | where x in~ ("y")`, `in~`, 'keyword.operator.word.kql'],
  [`T | where x !in~ ("y")`, `!in~`, 'keyword.operator.word.kql'],
  [`T | where x has_any ("y")`, `has_any`, 'keyword.operator.word.kql'],
  [`T | where x has_all ("y")`, `has_all`, 'keyword.operator.word.kql'],
  [`T | where x matches regex "[a-z]+"`, `matches regex`, 'keyword.operator.word.kql'],
  [`T | where x matches regex "[a-z]+"`, `"[a-z]+"`, 'string.quoted.double.kql'],
  [`T | where x between (1 .. 5)`, `between`, 'keyword.operator.comparison.kql'],
  [`T | where x !between (1 .. 5)`, `!between`, 'keyword.operator.comparison.kql'],
  [`T | where x != 1 and y >= 2`, `!=`, 'keyword.operator.comparison.kql'],
  [`T | where x != 1 and y >= 2`, `>=`, 'keyword.operator.comparison.kql'],
  [`T | extend y = x * 2 + 1`, `*`, 'keyword.operator.arithmetic.kql'],
  // brackets
  [`T | project ['col name']`, `'col name'`, 'string.quoted.single.kql'],
  [`T | project ['col name']`, `'col name'`, 'variable.other.quoted.kql'],
  [`T | where (a > 1) and [b] == 2`, `(a > 1)`, 'meta.group.kql'],
  [`T | where a > 1)`, `)`, 'invalid.illegal.stray-bracket.kql'],
];

test(`grammar scopes: ${cases.length} cases`, async () => {
  const failures: string[] = [];
  for (const [text, fragment, expected] of cases) {
    const negate = expected.startsWith('!');
    const scope = negate ? expected.slice(1) : expected;
    const start = text.indexOf(fragment);
    assert.notEqual(start, -1, `${fragment} not in ${text}`);
    const end = start + fragment.length;
    const tokens = await tokensOf(text);
    const inside = tokens.filter((t) => t.end > start && t.start < end);
    const show = () => inside.map((t) => `${JSON.stringify(t.text)} ${t.scopes.slice(1).join(' ')}`).join(' | ');
    const where = `${JSON.stringify(text)} ${JSON.stringify(fragment)} ${expected}: ${show()}`;
    if (negate) {
      if (inside.some((t) => hasScope(t.scopes, scope))) failures.push(where);
      continue;
    }
    const before = tokens.find((t) => t.end === start);
    const after = tokens.find((t) => t.start === end);
    const ok =
      inside[0].start === start &&
      inside[inside.length - 1].end === end &&
      inside.every((t) => !t.text.trim() || hasScope(t.scopes, scope)) &&
      (scope.startsWith('meta.') || ![before, after].some((t) => t && hasScope(t.scopes, scope)));
    if (!ok) failures.push(where);
  }
  assert.deepEqual(failures, [], `\n${failures.join('\n')}`);
});

test('multi-line strings, comments and brackets return to the initial state', async () => {
  const grammar = await kql();
  const balanced = 'let a = ```x\n(y"\n```;\nT | where (a\n  // )\n  == "("\n) | project [\'b\']';
  assert.deepEqual(openScopes(grammar, tokenize(grammar, balanced).state), []);
  assert.equal(tokenize(grammar, balanced).state.depth, 1);
  assert.deepEqual(openScopes(grammar, tokenize(grammar, 'T | where (a or [b').state), ['meta.group.kql', 'meta.brackets.kql']);
  assert.deepEqual(openScopes(grammar, tokenize(grammar, 'print ```open').state), ['string.quoted.other.multiline.kql']);
});

/**
 * An independent bracket scanner that knows only KQL's lexical rules for strings and
 * comments: `//` to end of line; ```...``` may span lines; '...' and "..." (optionally h-
 * or @-prefixed) end at their quote or at the end of the line; backslash escapes outside
 * verbatim strings; a doubled quote inside a verbatim string. Returns the brackets left
 * open, in order (e.g. "(["), and the number of closers that match no opener.
 */
function scanBrackets(query: string): { unclosed: string; stray: number } {
  const stack: string[] = [];
  let stray = 0;
  let i = 0;
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  while (i < query.length) {
    const c = query[i];
    if (query.startsWith('//', i)) {
      const eol = query.indexOf('\n', i);
      i = eol < 0 ? query.length : eol;
    } else if (query.startsWith('```', i)) {
      const close = query.indexOf('```', i + 3);
      i = close < 0 ? query.length : close + 3;
    } else if (c === "'" || c === '"' || (c === '@' && /['"]/.test(query[i + 1] ?? ''))) {
      const verbatim = c === '@';
      if (verbatim) i++;
      const quote = query[i++];
      while (i < query.length && query[i] !== '\n') {
        if (!verbatim && query[i] === '\\') i += 2;
        else if (verbatim && query[i] === quote && query[i + 1] === quote) i += 2;
        else if (query[i++] === quote) break;
      }
    } else {
      if ('([{'.includes(c)) stack.push(c);
      else if (pairs[c]) {
        if (stack[stack.length - 1] === pairs[c]) stack.pop();
        else stray++;
      }
      i++;
    }
  }
  return { unclosed: stack.join(''), stray };
}

test('corpus: every query ends in the initial state unless its own brackets are unbalanced', async (t) => {
  const grammar = await kql();
  const queries = readFileSync(corpusFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { path: string; name: string; query: string });
  assert.ok(queries.length > 2000, `only ${queries.length} queries in ${corpusFile}`);
  const bracketOf: Record<string, string> = { 'meta.group.kql': '(', 'meta.brackets.kql': '[', 'meta.block.kql': '{' };
  const started = Date.now();
  const unbalanced: string[] = [];
  const failures: string[] = [];
  for (const q of queries) {
    const source = scanBrackets(q.query);
    const { lines, state } = tokenize(grammar, q.query);
    const open = openScopes(grammar, state);
    const grammarOpen = open.map((s) => bracketOf[s] ?? `<${s}>`).join('');
    const strayTokens = lines.flat().filter((tok) => hasScope(tok.scopes, 'invalid.illegal.stray-bracket')).length;
    if (source.unclosed || source.stray) unbalanced.push(`${q.path} (open "${source.unclosed}", stray ${source.stray})`);
    // Balanced source: nothing may be left open. Unbalanced: exactly the source's open brackets.
    if (grammarOpen !== source.unclosed) failures.push(`${q.path}: grammar left "${open.join(' ')}", source "${source.unclosed}"`);
    if (strayTokens !== source.stray) failures.push(`${q.path}: ${strayTokens} stray-bracket tokens, source has ${source.stray}`);
    if (grammarOpen === '' && state.depth !== 1) failures.push(`${q.path}: rule stack depth ${state.depth}`);
  }
  const ms = Date.now() - started;
  t.diagnostic(`${queries.length} queries in ${ms} ms; unbalanced in the source: ${unbalanced.length}`);
  for (const u of unbalanced) t.diagnostic(`  ${u}`);
  assert.deepEqual(failures, []);
  assert.ok(unbalanced.length <= 14, `${unbalanced.length} queries unbalanced in the source:\n${unbalanced.join('\n')}`);
});

test('only strings and comments use scope names VS Code reads as string, comment or regex', () => {
  // VS Code derives a token's type from /\b(comment|string|regex)\b/ in any of its scopes;
  // that type turns off quick suggestions and auto-closing, so `has` must not be "string".
  const raw = readFileSync(path.join(repoRoot, 'syntaxes', 'kql.tmLanguage.json'), 'utf8');
  const names = [...raw.matchAll(/"(?:name|contentName)":\s*"([^"]+)"/g)].flatMap((m) => m[1].split(' '));
  const insideStringsOrComments =
    /^(string|comment)\.|^punctuation\.definition\.(string|comment)\.|^storage\.modifier\.string\.kql$/;
  const offending = names.filter((n) => /\b(comment|string|regex)\b/.test(n) && !insideStringsOrComments.test(n));
  assert.deepEqual(offending, []);
});

// --- Markdown fences -------------------------------------------------------------------

const injection = JSON.parse(readFileSync(markdownInjectionFile, 'utf8'));
const fence = injection.repository['kql-code-block'];

test('markdown injection: structure and fence regexes', async () => {
  await loadOniguruma();
  assert.equal(injection.scopeName, 'markdown.kql.codeblock');
  assert.equal(injection.injectionSelector, `L:${MARKDOWN_SCOPE}`);
  const embedded = fence.patterns[0];
  assert.equal(embedded.contentName, 'meta.embedded.block.kql');
  assert.deepEqual(embedded.patterns, [{ include: 'source.kql' }]);

  const matches = (re: string, line: string) => new oniguruma.OnigScanner([re]).findNextMatchSync(line, 0) !== null;
  for (const open of ['```kql', '```kusto', '~~~kql', '```KQL', '  ```kql title="x"', '````kusto']) {
    assert.ok(matches(fence.begin, open), `begin should match ${open}`);
  }
  for (const other of ['```sql', '```kqlx', '```', 'kql', '``kql']) assert.ok(!matches(fence.begin, other), `begin matched ${other}`);
  // the while condition keeps going on code lines and stops at a closing fence
  assert.ok(matches(embedded.while, 'T | where x'));
  assert.ok(!matches(embedded.while, '```'));
  assert.ok(!matches(embedded.while, '~~~'));
});

const markdownGrammar = findMarkdownGrammar();
test(
  'markdown injection: ```kql fences embed KQL in the real Markdown grammar',
  { skip: markdownGrammar ? false : "VS Code's markdown.tmLanguage.json not found (.tools/code-server absent)" },
  async () => {
    const registry = createRegistry();
    const md = await registry.loadGrammar(MARKDOWN_SCOPE);
    assert.ok(md);
    const doc = '# Hunt\n\n```kql\nT | where (x has \'a\'\n```\n\nAfter `code`.\n\n~~~kusto\nT | project-away A\n~~~\n\n```sql\nselect 1\n```\n';
    const { lines, state } = tokenize(md, doc);
    const find = (text: string) => lines.flat().find((tok) => tok.text === text);
    for (const word of ['where', 'project-away']) {
      const tok = find(word);
      assert.ok(tok && hasScope(tok.scopes, 'meta.embedded.block.kql') && hasScope(tok.scopes, 'keyword.other.query.kql'), word);
    }
    // the unclosed "(" inside the fence is dropped at the fence; Markdown resumes after it
    const after = find('After ');
    assert.ok(after && !after.scopes.some((s) => s.includes('kql')), JSON.stringify(after));
    assert.ok(!find('select 1')?.scopes.some((s) => s.includes('kql')));
    assert.deepEqual(openScopes(md, state), []);
  },
);

// --- language configuration --------------------------------------------------------------

test('language configuration: comments, pairs, word pattern, folding markers', () => {
  const config = JSON.parse(readFileSync(path.join(repoRoot, 'language-configuration.json'), 'utf8'));
  assert.equal(config.comments.lineComment, '//');
  assert.deepEqual(config.brackets, [['{', '}'], ['[', ']'], ['(', ')']]);
  const pairs = config.autoClosingPairs.map((p: { open: string }) => p.open);
  for (const open of ['(', '[', '{', "'", '"', '```']) assert.ok(pairs.includes(open), open);
  const words = (s: string) => s.match(new RegExp(config.wordPattern, 'g'));
  assert.deepEqual(words('T | project-away Col_1, 1.5h'), ['T', 'project', 'away', 'Col_1', '1.5h']);
  assert.ok(new RegExp(config.folding.markers.start).test('// #region helpers'));
  assert.ok(new RegExp(config.folding.markers.end).test('  // #endregion'));
  assert.ok(new RegExp(config.indentationRules.increaseIndentPattern).test('| join kind=inner ('));
  assert.ok(!new RegExp(config.indentationRules.increaseIndentPattern).test('// note ('));
});

test('package.json contributes the grammars under the scope names the files declare', () => {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  for (const g of pkg.contributes.grammars as { scopeName: string; path: string }[]) {
    const file = JSON.parse(readFileSync(path.join(repoRoot, g.path), 'utf8'));
    assert.equal(file.scopeName, g.scopeName, g.path);
  }
});
