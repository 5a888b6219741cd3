// Mail from sender domains that imitate the tenant's: the dnstwist-style lookalikes of each
// tenant domain (inlined, or from a Sentinel watchlist made with `sentinel-hunt lookalikes
// --format csv`), a subdomain of one, any punycode (xn--) domain, and domains that mix Latin
// letters with Greek, Cyrillic or Armenian ones in a label (a homograph shown in Unicode).
import type { HuntParameters } from '../parameters';
import type { HuntProfile } from '../profiles';
import type { HuntTemplate } from '../template';
import { isTenantAddress } from '../tenant';
import { INLINE_FUZZER_ORDER, inlineLookalikes, lookalikeDatatable } from './lookalike-list';

// A label with a Latin letter and a Greek, Cyrillic or Armenian one (U+0370 to U+058F).
const MIXED_SCRIPTS = '@"(^|\\.)[^.]*([a-z][^.]*[\\x{0370}-\\x{058F}]|[\\x{0370}-\\x{058F}][^.]*[a-z])"';

function lookalikeLets(params: HuntParameters): string[] {
  if (params.text('lookalikes') === 'watchlist') {
    return [
      '// Lookalike domains from a Sentinel watchlist (search key: the domain; optional columns Fuzzer and Original),',
      '// e.g. one uploaded from `sentinel-hunt lookalikes contoso.com --format csv`.',
      `let lookalikes = _GetWatchlist(${params.literal('watchlist')})`,
      '    | project Domain = tolower(tostring(SearchKey)), Fuzzer = tostring(column_ifexists("Fuzzer", "")), Original = tostring(column_ifexists("Original", ""));',
    ];
  }
  const max = params.number('maxLookalikes');
  const { items, available } = inlineLookalikes(params.domains, max);
  const capped = items.length < available ? `${items.length} of ${available}` : `all ${available}`;
  const lines = [
    `// Lookalikes of the tenant domains (dnstwist fuzzers): ${capped} ASCII permutations inlined (maxLookalikes=${max}),`,
    `// taking the fuzzers in this order: ${INLINE_FUZZER_ORDER.slice(0, 7).join(', ')},`,
    `// ${INLINE_FUZZER_ORDER.slice(7).join(', ')}. Punycode (xn--) permutations are covered by`,
    '// the punycode rule below. For the full list use lookalikes=watchlist.',
  ];
  if (items.length === 0) {
    return [...lines, 'let lookalikes = datatable(Domain:string, Fuzzer:string, Original:string) [];'];
  }
  const table = lookalikeDatatable(items);
  return [
    ...lines,
    `let lookalikes = ${table[0]}`,
    ...table.slice(1),
    '    | mv-expand Domain = Domains to typeof(string)',
    '    | project Domain, Fuzzer, Original;',
  ];
}

function body(params: HuntParameters, profile: HuntProfile): string[] {
  return [
    ...lookalikeLets(params),
    `let mixedScripts = ${MIXED_SCRIPTS};`,
    profile.table,
    `| where ${profile.time} > ago(lookback)`,
    `| where not(${isTenantAddress(profile.sender)})`,
    `| summarize Messages = dcount(${profile.messageKey}), Recipients = dcount(${profile.recipient}), FirstSeen = min(${profile.time}), LastSeen = max(${profile.time}),`,
    `    SampleRecipients = make_set(${profile.recipient}, 10), Subjects = make_set(${profile.subject}, 10) by Sender = tolower(${profile.sender})`,
    '| extend SenderDomain = extract(@"@([^@]+)$", 1, Sender)',
    '| extend ParentDomain = substring(SenderDomain, indexof(SenderDomain, ".") + 1)',
    '| lookup kind=leftouter (lookalikes | project SenderDomain = Domain, Fuzzer, Original) on SenderDomain',
    '| lookup kind=leftouter (lookalikes | project ParentDomain = Domain, ParentFuzzer = Fuzzer, ParentOriginal = Original) on ParentDomain',
    '| extend Reason = case(',
    '    isnotempty(Fuzzer), strcat("lookalike of ", Original, " (", Fuzzer, ")"),',
    '    isnotempty(ParentFuzzer), strcat("subdomain of a lookalike of ", ParentOriginal, " (", ParentFuzzer, ")"),',
    '    SenderDomain matches regex @"(^|\\.)xn--", "punycode (internationalised) domain",',
    '    SenderDomain matches regex mixedScripts, "mixed scripts in a label",',
    '    "")',
    '| where isnotempty(Reason)',
    '| project FirstSeen, LastSeen, Sender, SenderDomain, Reason, Messages, Recipients, SampleRecipients, Subjects',
    '| order by FirstSeen asc, Sender asc',
  ];
}

export const impersonation: HuntTemplate = {
  name: 'impersonation',
  title: 'Impersonation: mail from lookalike and punycode domains',
  description: 'External senders whose domain is a lookalike of a tenant domain (dnstwist permutations, inlined or '
    + 'from a watchlist) or a subdomain of one, is in punycode (xn--), or mixes Latin with Greek, Cyrillic or Armenian letters.',
  kind: 'detection',
  profiles: ['classic', 'dcr', 'mdo'],
  usesTenantDomains: true,
  parameters: [
    { name: 'lookback', type: 'timespan', default: '7d', min: 5, max: 90 * 1440, description: 'How far back to look.' },
    { name: 'lookalikes', type: 'choice', default: 'inline', choices: ['inline', 'watchlist'], description: 'Inline the lookalike domains in the query, or read them from a watchlist.' },
    { name: 'maxLookalikes', type: 'int', default: '250', min: 0, max: 2000, description: 'At most this many lookalikes inlined (an analytics rule\'s query must stay under 10,000 characters).' },
    { name: 'watchlist', type: 'name', default: 'LookalikeDomains', description: 'The watchlist alias, with lookalikes=watchlist.' },
  ],
  renderOnly: ['lookalikes', 'maxLookalikes', 'watchlist'],
  body,
  rule: {
    severity: 'Medium',
    tactics: ['InitialAccess', 'ResourceDevelopment'],
    techniques: ['T1566', 'T1583.001'],
    entityMappings: [
      { entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'Sender' }] },
      { entityType: 'DNS', fieldMappings: [{ identifier: 'DomainName', columnName: 'SenderDomain' }] },
    ],
    customDetails: { Reason: 'Reason', Messages: 'Messages', Recipients: 'Recipients' },
    params: { lookback: '1d' },
    schedule: (p) => ({ frequencyMinutes: p.number('lookback'), periodMinutes: p.number('lookback') }),
  },
};
