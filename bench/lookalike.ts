// Lookalike benchmark (npm run bench:lookalike): all of dnstwist's default fuzzers for
// microsoft.com with src/lookalike, after a warm-up, median and p95 of --runs runs (default 50).
//
// Baseline, measured in the same run: the floor cost of only encoding and parsing the same
// output, i.e. for each output domain punycode.toASCII of its Unicode form plus one tldts
// parse, with nothing generated, labelled, deduplicated or sorted. Our time can hardly go
// below it; the ratio says how far above the floor we are.
//
// Also printed, clearly labelled as quoted (it cannot be measured here: no PyPI): dnstwist's
// own time for the same work in CPython, about 130 ms.
import { performance } from 'node:perf_hooks';
import { toASCII, toUnicode } from 'punycode/';
import { parse } from 'tldts';
import { FUZZER_ORDER, lookalikesOf, type Lookalike } from '../src/lookalike';
import { ms, percentile } from './stats';

const DOMAIN = 'microsoft.com';
const TARGET_MS = 20;
const QUOTED_DNSTWIST_MS = 130;
const WARM_UP_RUNS = 20;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

function time(runs: number, work: () => void): number[] {
  for (let i = 0; i < WARM_UP_RUNS; i++) work();
  const timings: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    timings.push(performance.now() - started);
  }
  return timings;
}

function counts(items: readonly Lookalike[]): string {
  const byFuzzer = new Map<string, number>();
  for (const item of items) byFuzzer.set(item.fuzzer, (byFuzzer.get(item.fuzzer) ?? 0) + 1);
  return FUZZER_ORDER.filter((f) => byFuzzer.has(f)).map((f) => `${f} ${byFuzzer.get(f)}`).join(', ');
}

function main(): void {
  const runs = option('--runs', 50);
  const items = lookalikesOf(DOMAIN);
  console.log(`${DOMAIN}: ${items.length} domains (${counts(items)})`);

  const ours = time(runs, () => lookalikesOf(DOMAIN));
  const unicode = items.map((item) => toUnicode(item.domain));
  let sink = 0;
  const floor = time(runs, () => {
    for (const name of unicode) sink += parse(toASCII(name)).hostname?.length ?? 0;
  });
  if (sink < 0) console.log(sink); // keeps the baseline's work observable

  const median = percentile(ours, 50);
  const floorMedian = percentile(floor, 50);
  console.log(`lookalikes (all default fuzzers, ${runs} runs after ${WARM_UP_RUNS} warm-up): median ${ms(median)}, p95 ${ms(percentile(ours, 95))} (target: median < ${TARGET_MS} ms: ${median < TARGET_MS ? 'met' : 'NOT MET'})`);
  console.log(`baseline "encode + parse only" (punycode.toASCII + tldts parse per output domain, ${items.length} domains): median ${ms(floorMedian)}, p95 ${ms(percentile(floor, 95))}; ratio of medians ${(median / floorMedian).toFixed(2)}x`);
  console.log(`quoted, not measured here: dnstwist 20250130 in CPython ~${QUOTED_DNSTWIST_MS} ms for ${DOMAIN}; ratio to the quote ${(median / QUOTED_DNSTWIST_MS).toFixed(2)}x`);
}

main();
