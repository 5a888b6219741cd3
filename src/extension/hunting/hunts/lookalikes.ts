// "Sentinel Hunt: Generate Lookalike Domains...": dnstwist's permutations of a domain as a KQL
// datatable, a CSV for a Sentinel watchlist, or JSON, in a new editor.
import { lookalikesOfAll, normaliseDomain, toCsv, toJson, toKql } from '../../../lookalike';
import type { Memory } from '../state/memory';
import { readSettings } from '../state/settings';
import type { Invocation } from '../ui/command';
import { openUntitled } from '../ui/documents';
import type { HuntingLog } from '../ui/log';
import { askText, pickOne, rememberedFirst } from '../ui/prompts';

const TITLE = 'Sentinel Hunt: Generate Lookalike Domains';

export type LookalikeFormat = 'kql' | 'csv' | 'json';

export interface LookalikesOptions {
  /** Default: the first of sentinelHunt.tenantDomains. */
  domain?: string;
  /** Default kql. */
  format?: LookalikeFormat;
}

export interface LookalikesResult {
  domain: string;
  format: LookalikeFormat;
  /** Permutations, the original included. */
  count: number;
  uri: string;
}

const FORMATS: Record<LookalikeFormat, { label: string; detail: string; language: string; ext: string; render: typeof toKql }> = {
  kql: { label: 'KQL datatable', detail: 'datatable(Domain, Fuzzer, Original)[...] to paste into a hunt', language: 'kql', ext: 'kql', render: toKql },
  csv: { label: 'CSV (Sentinel watchlist)', detail: 'Domain,Fuzzer,Original,UnicodeDomain; upload as a watchlist with search key Domain', language: 'csv', ext: 'csv', render: toCsv },
  json: { label: 'JSON', detail: 'dnstwist\'s shape: [{"fuzzer","domain"}]', language: 'json', ext: 'json', render: toJson },
};


export async function lookalikesCommand(invocation: Invocation<LookalikesOptions>, deps: { memory: Memory; log: HuntingLog }): Promise<LookalikesResult> {
  const fallback = readSettings().tenantDomains[0];
  let domain: string | undefined;
  let format: LookalikeFormat;
  if (invocation.interactive) {
    domain = await askText({
      title: TITLE,
      prompt: 'Domain to find lookalikes of (a name, a URL or an e-mail address)',
      value: fallback,
      placeHolder: 'contoso.com',
      validate: (text) => {
        try {
          normaliseDomain(text);
          return undefined;
        } catch (error) {
          return (error as Error).message;
        }
      },
    });
    const remembered = deps.memory.get('lookalikes.format') as LookalikeFormat | undefined;
    format = await pickOne(TITLE, rememberedFirst((Object.keys(FORMATS) as LookalikeFormat[]).map((f) => ({ label: FORMATS[f].label, detail: FORMATS[f].detail, value: f })), remembered), 'Format');
    await deps.memory.set('lookalikes.format', format);
  } else {
    domain = invocation.options.domain ?? fallback;
    format = invocation.options.format ?? 'kql';
    if (!(format in FORMATS)) throw new Error(`unknown lookalike format ${JSON.stringify(format)}; expected kql, csv or json`);
  }
  if (!domain) throw new Error('no domain: give one, or set sentinelHunt.tenantDomains');
  const items = lookalikesOfAll([domain]);
  const spec = FORMATS[format];
  const ascii = normaliseDomain(domain);
  const editor = await openUntitled(`lookalikes-${ascii}.${spec.ext}`, spec.language, spec.render(items));
  deps.log.line('lookalikes', `${items.length} lookalikes of ${ascii} as ${format}`);
  return { domain: ascii, format, count: items.length, uri: editor.document.uri.toString() };
}
