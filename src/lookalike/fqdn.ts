// dnstwist's VALID_FQDN_REGEX, by hand (it runs on every candidate):
//   (?=^.{4,253}$)(^((?!-)[a-z0-9-]{1,63}(?<!-)\.)+[a-z0-9-]{2,63}$), case-insensitive.
// At least two labels; every label but the last has 1 to 63 letters, digits or hyphens and
// neither starts nor ends with a hyphen; the last has 2 to 63 of them (hyphens anywhere).

function isLdh(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x2d || (code >= 0x41 && code <= 0x5a);
}

/** Why an ASCII name fails the rule, or null when it passes. */
export function fqdnProblem(name: string): string | null {
  if (name.length < 4) return 'shorter than 4 characters';
  if (name.length > 253) return 'longer than 253 characters';
  let start = 0;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code === 0x2e) {
      const problem = innerLabelProblem(name, start, i);
      if (problem !== null) return problem;
      start = i + 1;
    } else if (!isLdh(code)) {
      return `character ${JSON.stringify(name[i])} is not allowed (letters, digits, hyphens and dots only)`;
    }
  }
  if (start === 0) return 'needs at least two labels (e.g. contoso.com)';
  const last = name.length - start;
  if (last < 2 || last > 63) return `the last label "${name.slice(start)}" must have 2 to 63 characters`;
  return null;
}

function innerLabelProblem(name: string, start: number, end: number): string | null {
  const length = end - start;
  if (length === 0) return 'empty label';
  if (length > 63) return `label "${name.slice(start, end)}" is longer than 63 characters`;
  if (name.charCodeAt(start) === 0x2d || name.charCodeAt(end - 1) === 0x2d) return `label "${name.slice(start, end)}" starts or ends with a hyphen`;
  return null;
}
