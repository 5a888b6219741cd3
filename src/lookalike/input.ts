// Input domains: a name, a URL or an e-mail address, in Unicode or ASCII. dnstwist takes the
// host of a URL, lower-cases it, encodes it with IDNA 2003, checks it against its FQDN rule and
// checks that it decodes again; so do we. One trailing dot (an absolute name) is accepted.
import { InvalidDomainError } from './errors';
import { fqdnProblem } from './fqdn';
import { domainToAscii, labelToUnicode } from './idna';

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
const TRAILING_DOT = /[.\u3002\uff0e\uff61]$/;

/** The host of `input`: no scheme, user, port, path, query or fragment. */
function hostOf(input: string): string {
  let rest = input;
  const scheme = SCHEME.exec(rest);
  if (scheme) {
    if (!/^https?$/i.test(scheme[1])) throw new InvalidDomainError(input, `unsupported URL scheme "${scheme[1]}" (http and https only)`);
    rest = rest.slice(scheme[0].length);
  }
  rest = rest.split(/[/?#]/, 1)[0];
  rest = rest.slice(rest.lastIndexOf('@') + 1);
  return rest.replace(/:\d*$/, '');
}

/** The ASCII (xn--) form of a domain given in any form; throws InvalidDomainError. */
export function normaliseDomain(input: string): string {
  const trimmed = input.trim();
  if (trimmed === '') throw new InvalidDomainError(input, 'empty');
  const host = hostOf(trimmed).toLowerCase().replace(TRAILING_DOT, '');
  if (host === '') throw new InvalidDomainError(input, 'no host name');
  let reason = '';
  const explain = (why: string) => { reason = why; };
  const ascii = domainToAscii(host, explain);
  if (ascii === null) throw new InvalidDomainError(input, reason);
  const problem = fqdnProblem(ascii);
  if (problem !== null) throw new InvalidDomainError(input, problem);
  for (const label of ascii.split('.')) {
    if (labelToUnicode(label, explain) === null) throw new InvalidDomainError(input, reason);
  }
  return ascii;
}
