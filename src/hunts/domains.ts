// Tenant domains as hunt parameters: IDNA to ASCII (xn--), lower case, checked against the
// FQDN rule, and never a bare public suffix (co.uk would make every .co.uk address internal).
// What survives holds only a-z 0-9 - and dots, so it is safe in a KQL string and, with its
// dots escaped, in a regular expression.
import { parse } from 'tldts';
import { domainToUnicode, InvalidDomainError, normaliseDomain } from '../lookalike';
import { HuntError } from './errors';

// Letters, marks and digits of any script, hyphens, and the dots IDNA accepts (. 。 ． ｡).
const DOMAIN_CHARACTERS = /^[\p{L}\p{M}\p{N}\-.\u3002\uff0e\uff61]+$/u;
const ASCII_DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;

/** The ASCII form of one tenant domain; throws HuntError naming the input and the reason. */
export function normaliseTenantDomain(input: string): string {
  const trimmed = input.trim().replace(/[.\u3002\uff0e\uff61]$/, '');
  const fail = (reason: string): never => {
    throw new HuntError(`invalid tenant domain ${JSON.stringify(input)}: ${reason}`);
  };
  if (trimmed === '') fail('empty');
  const bad = [...trimmed].find((c) => !DOMAIN_CHARACTERS.test(c));
  if (bad !== undefined) fail(`character ${JSON.stringify(bad)} is not allowed (a domain name such as contoso.com: letters, digits, hyphens and dots)`);
  let ascii = '';
  try {
    ascii = normaliseDomain(trimmed);
  } catch (error) {
    if (error instanceof InvalidDomainError) fail(error.reason);
    throw error;
  }
  if (!ASCII_DOMAIN.test(ascii)) fail('not a domain name after IDNA conversion');
  const parsed = parse(ascii, { allowPrivateDomains: false, extractHostname: false, detectIp: false });
  if (parsed.domain === null) fail(`${ascii} is a public suffix, not an organisation's domain`);
  return ascii;
}

/** The tenant domains: normalised, duplicates dropped, in the order given; at least one. */
export function normaliseTenantDomains(inputs: readonly string[]): string[] {
  if (inputs.length === 0) throw new HuntError('no tenant domain: give at least one (e.g. --domain contoso.com)');
  return [...new Set(inputs.map(normaliseTenantDomain))];
}

/**
 * The forms message trace may show a tenant domain in: the ASCII one and, for an
 * internationalised domain, its Unicode form too (both only letters, digits, hyphens, dots).
 */
export function tenantDomainForms(asciiDomains: readonly string[]): string[] {
  const forms: string[] = [];
  for (const ascii of asciiDomains) {
    forms.push(ascii);
    const unicode = domainToUnicode(ascii).toLowerCase();
    if (unicode !== ascii && DOMAIN_CHARACTERS.test(unicode) && !/[\u3002\uff0e\uff61]/.test(unicode)) forms.push(unicode);
  }
  return [...new Set(forms)];
}

/** Whether `domain` (ASCII, lower case) is one of `tenant` or a subdomain of one. */
export function isTenantDomain(domain: string, tenant: readonly string[]): boolean {
  return tenant.some((t) => domain === t || domain.endsWith(`.${t}`));
}
