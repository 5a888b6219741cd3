// Language benchmark (npm run bench). Prints:
//  1. the corpus: queries with syntax errors (14 are real) and the total analysis time of our
//     service, against the baseline "Kusto.Language ParseAndAnalyze alone" over the same queries;
//  2. completion latency through the real language server process (LSP over stdio) at 20
//     positions of a 30-line hunting query, each after an edit, against the baseline
//     "Kusto.Language ParseAndAnalyze + GetCompletionItems in-process" at the same positions;
//  3. the server's start-up (process start to warmed-up) and the bundle sizes; the extension
//     host bundle must not contain Kusto.Language.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { KqlLanguageService, builtinSchema } from '../src/kql';
import { buildGlobals } from '../src/kql/globals';
import { kustoLanguage, warmUp } from '../src/kql/kusto';
import { LspTestClient } from '../test/support/lsp-client';
import { corpusFile, repoRoot } from '../test/support/paths';
import { ms, percentile } from './stats';

const HUNT = `// Exfiltration: senders above their own baseline
let lookback = 14d;
let tenantDomains = dynamic(["contoso.com"]);
let baseline = EmailEvents_CL
    | where Received_t between (ago(lookback) .. ago(1d))
    | extend SenderDomain = tolower(tostring(split(SenderAddress_s, "@")[1]))
    | where SenderDomain in (tenantDomains)
    | summarize Daily = count() by SenderAddress_s, Day = bin(Received_t, 1d)
    | summarize Avg = avg(Daily), Std = stdev(Daily) by SenderAddress_s;
EmailEvents_CL
| where Received_t > ago(1d)
| extend SenderDomain = tolower(tostring(split(SenderAddress_s, "@")[1]))
| extend RecipientDomain = tolower(tostring(split(RecipientAddress_s, "@")[1]))
| where SenderDomain in (tenantDomains) and RecipientDomain !in (tenantDomains)
| summarize Sent = count(), Bytes = sum(Size_d), Recipients = dcount(RecipientAddress_s) by SenderAddress_s
| join kind=inner baseline on SenderAddress_s
| extend Threshold = Avg + 3 * Std
| where Sent > Threshold
| project SenderAddress_s, Sent, Bytes, Recipients, Avg, Std, Threshold
| order by Sent desc
| extend Ratio = round(Sent / Threshold, 2)
| where isnotempty(SenderAddress_s)
| project-reorder SenderAddress_s, Ratio
| extend Note = strcat("above baseline by ", tostring(Ratio))
| take 100
| project-away Note
| extend Hour = hourofday(now())
| where Hour >= 0
| sort by Sent desc`;

function corpusQueries(): string[] {
  return readFileSync(corpusFile, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { query: string }).query);
}

function benchCorpus(): void {
  const queries = corpusQueries();
  const L = kustoLanguage();
  const globals = buildGlobals(builtinSchema());
  let start = performance.now();
  for (const query of queries) L.KustoCode.ParseAndAnalyze(query, globals)!.GetDiagnostics();
  const baselineMs = performance.now() - start;

  const service = new KqlLanguageService(builtinSchema());
  let withSyntaxErrors = 0;
  let withErrors = 0;
  start = performance.now();
  for (const query of queries) {
    const block = { start: 0, end: query.length, text: query };
    const diagnostics = service.blockDiagnostics(block);
    if (service.analysis(block).syntaxErrorCount() > 0) withSyntaxErrors++;
    if (diagnostics.some((d) => d.severity === 'error')) withErrors++;
  }
  const serviceMs = performance.now() - start;
  console.log(`corpus: ${queries.length} queries, ${withSyntaxErrors} with syntax errors (14 in the source), ${withErrors} with any error`);
  console.log(`corpus: analysis ${ms(serviceMs)} (${ms(serviceMs / queries.length)}/query); baseline Kusto.Language ParseAndAnalyze alone ${ms(baselineMs)}; ratio ${(serviceMs / baselineMs).toFixed(2)}x`);
}

/** 20 positions spread over the hunt's code, each after a space. */
function completionPositions(text: string): number[] {
  const candidates: number[] = [];
  const codeStart = text.indexOf('\n') + 1; // skip the comment line
  for (let i = codeStart; i < text.length; i++) {
    const linePrefix = text.slice(text.lastIndexOf('\n', i) + 1, i);
    const inString = (linePrefix.match(/"/g) ?? []).length % 2 === 1;
    if (text[i] === ' ' && /[\w|(,=]/.test(text[i - 1]) && !inString) candidates.push(i + 1);
  }
  const step = candidates.length / 20;
  return Array.from({ length: 20 }, (_, k) => candidates[Math.floor(k * step)]);
}

async function benchCompletion(): Promise<void> {
  const positions = completionPositions(HUNT);
  const L = kustoLanguage();
  const globals = buildGlobals(builtinSchema());
  const baseline: number[] = [];
  for (const offset of positions) {
    const started = performance.now();
    const code = L.KustoCode.ParseAndAnalyze(HUNT, globals)!;
    new L.Editor.KustoCodeService.ctor(code).GetCompletionItems(offset);
    baseline.push(performance.now() - started);
  }

  const client = await LspTestClient.start();
  const spawnedAt = performance.now();
  const ready = await client.ready;
  const readyMs = performance.now() - spawnedAt;
  const uri = 'file:///bench/hunt.kql';
  client.open(uri, HUNT);
  await client.nextDiagnostics(uri);
  const timings: number[] = [];
  let answered = 0;
  let version = 1;
  for (const offset of positions) {
    // An edit first (as typing does), so the server cannot answer from a cached analysis.
    const edited = `${HUNT}\n// edit ${version}`;
    client.replace(uri, edited, ++version);
    const line = HUNT.slice(0, offset).split('\n').length - 1;
    const character = offset - HUNT.slice(0, offset).lastIndexOf('\n') - 1;
    const started = performance.now();
    const items = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    timings.push(performance.now() - started);
    if (Array.isArray(items) && items.length > 0) answered++;
  }
  await client.stop();
  const median = percentile(timings, 50);
  console.log(`server: ready ${ms(readyMs)} after start (Kusto.Language ${ready.kustoLanguageVersion}, warm-up ${ready.warmUpMs} ms)`);
  console.log(`completion (LSP round trip, 20 positions of a 30-line hunt, each after an edit): median ${ms(median)}, p95 ${ms(percentile(timings, 95))}, max ${ms(Math.max(...timings))}, ${answered}/20 with items (target: median < 50 ms)`);
  console.log(`completion baseline Kusto.Language in-process (ParseAndAnalyze + GetCompletionItems): median ${ms(percentile(baseline, 50))}, p95 ${ms(percentile(baseline, 95))}; ratio of medians ${(median / percentile(baseline, 50)).toFixed(2)}x`);
}

function benchBundles(): void {
  const kib = (file: string) => `${(statSync(path.join(repoRoot, 'dist', file)).size / 1024).toFixed(0)} KiB`;
  const extension = readFileSync(path.join(repoRoot, 'dist', 'extension.js'), 'utf8');
  const kustoInExtension = extension.includes('Kusto.Language.KustoCode') || extension.includes('Bridge.assembly');
  console.log(`bundles: extension.js ${kib('extension.js')}, server.js ${kib('server.js')}, cli.js ${kib('cli.js')}, Kusto.Language (dist/kusto) ${kib('kusto/Kusto.Language.Bridge.min.js')} + ${kib('kusto/bridge.min.js')}`);
  console.log(`bundles: extension host bundle contains Kusto.Language: ${kustoInExtension ? 'YES (wrong)' : 'no'}`);
  if (kustoInExtension) process.exitCode = 1;
}

async function main(): Promise<void> {
  const warmStart = performance.now();
  warmUp();
  console.log(`Kusto.Language in-process warm-up: ${ms(performance.now() - warmStart)}`);
  if (!process.argv.includes("--no-corpus")) benchCorpus();
  await benchCompletion();
  benchBundles();
}

void main();
