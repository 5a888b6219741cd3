// Telling the tenant's addresses from the others: by the domain part of the address, equal to
// a tenant domain or a subdomain of one, case-insensitive. Not `endswith "contoso.com"` (that
// matches notcontoso.com) and not `has` / `has_any` (they match contoso.com.evil.net). The
// pattern is built in the query from tenantDomains, as in the snippets, so that editing the
// list is enough; the domains are validated (a-z 0-9 - .), so escaping the dots suffices.
import { tenantDomainForms } from './domains';
import { kqlStringArray } from './kql-literals';

/** The `let` statements that define tenantDomains and the tenantAddress pattern. */
export function tenantLets(asciiDomains: readonly string[]): string[] {
  const forms = tenantDomainForms(asciiDomains);
  return [
    `let tenantDomains = ${kqlStringArray(forms)};`,
    '// An address is the tenant\'s if its domain is a tenant domain or a subdomain of one:',
    '// user@contoso.com and user@mail.contoso.com are, user@notcontoso.com and user@contoso.com.evil.net are not.',
    'let tenantAddress = strcat(@"(?i)@([^@]+\\.)?(", replace_string(strcat_array(tenantDomains, "|"), ".", @"\\."), @")$");',
  ];
}

/** A predicate: `column` is a tenant address. */
export function isTenantAddress(column: string): string {
  return `${column} matches regex tenantAddress`;
}
