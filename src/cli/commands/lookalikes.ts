// `sentinel-hunt lookalikes DOMAIN [DOMAIN...] [--dictionary FILE] [--tld FILE] [--format json|csv|kql]`
// dnstwist's permutations of the given domains, for hunting lookalike senders (DESIGN.md's contract).
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  FUZZER_ORDER, InvalidDomainError, isFuzzerName, lookalikesOfAll, parseDictionary, parseTldList, toCsv, toJson, toKql,
  type FuzzerName, type LookalikeOptions, type SuffixRule,
} from '../../lookalike';
import { UsageError } from '../usage-error';

export const lookalikesUsage = `sentinel-hunt lookalikes DOMAIN [DOMAIN...] [--dictionary FILE] [--tld FILE] [--fuzzers LIST] [--suffix-rule R] [--format json|csv|kql]
  Lookalike domains with dnstwist's fuzzers (release 20250130, same results). DOMAIN is a name,
  a URL or an e-mail address, in Unicode or ASCII. Several domains make one list, each domain once.
  --dictionary FILE  words for the dictionary fuzzer, one a line
  --tld FILE         suffixes for the tld-swap fuzzer, one a line
  --fuzzers LIST     only these fuzzers, comma-separated (*original only if listed)
  --suffix-rule R    public-suffix (default: the Public Suffix List) or dnstwist (its built-in rule)
  --format F         json (default): [{"fuzzer","domain"}], domains in ASCII, sorted by fuzzer then domain;
                     csv: Domain,Fuzzer,Original,UnicodeDomain, for a Sentinel watchlist;
                     kql: datatable(Domain:string, Fuzzer:string, Original:string)[...]
  Exit 2 on an invalid domain or an unreadable list.`;

export interface LookalikesIo {
  out(text: string): void;
  err(text: string): void;
}

const FORMATS = ['json', 'csv', 'kql'] as const;
type Format = (typeof FORMATS)[number];
const SUFFIX_RULES: readonly SuffixRule[] = ['public-suffix', 'dnstwist'];

/** A word or suffix list that cannot be read. */
class ListFileError extends Error {}

export async function runLookalikes(argv: string[], io: LookalikesIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dictionary: { type: 'string' },
      tld: { type: 'string' },
      fuzzers: { type: 'string' },
      'suffix-rule': { type: 'string', default: 'public-suffix' },
      format: { type: 'string', default: 'json' },
    },
  });
  if (positionals.length === 0) throw new UsageError('lookalikes needs at least one DOMAIN');
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown --format ${values.format}; expected ${FORMATS.join(', ')}`);
  const suffixRule = values['suffix-rule'] as SuffixRule;
  if (!SUFFIX_RULES.includes(suffixRule)) throw new UsageError(`unknown --suffix-rule ${suffixRule}; expected ${SUFFIX_RULES.join(' or ')}`);
  const fuzzers = values.fuzzers === undefined ? undefined : fuzzerList(values.fuzzers);
  if (fuzzers && values.dictionary !== undefined && !fuzzers.includes('dictionary')) throw new UsageError('--dictionary needs the dictionary fuzzer in --fuzzers');
  if (fuzzers && values.tld !== undefined && !fuzzers.includes('tld-swap')) throw new UsageError('--tld needs the tld-swap fuzzer in --fuzzers');

  try {
    const options: LookalikeOptions = {
      fuzzers,
      suffixRule,
      dictionary: values.dictionary === undefined ? [] : parseDictionary(await readList('--dictionary', values.dictionary)),
      tlds: values.tld === undefined ? [] : parseTldList(await readList('--tld', values.tld)),
    };
    const items = lookalikesOfAll(positionals, options);
    io.out(format === 'json' ? toJson(items) : format === 'csv' ? toCsv(items) : toKql(items));
    return 0;
  } catch (error) {
    if (error instanceof InvalidDomainError || error instanceof ListFileError) {
      io.err(`sentinel-hunt: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

function fuzzerList(list: string): FuzzerName[] {
  const names = list.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== '');
  const unknown = names.filter((name) => !isFuzzerName(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new UsageError(`--fuzzers ${list}: expected a comma-separated list of ${FUZZER_ORDER.join(', ')}`);
  }
  return names as FuzzerName[];
}

/** The file as UTF-8 text; like dnstwist, a file that is not UTF-8 is an error. */
async function readList(option: string, file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new ListFileError(`${option} ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ListFileError(`${option} ${file}: not UTF-8 text`);
  }
}
