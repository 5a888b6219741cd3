// A rough lexical look at a KQL query for the rule checks: comments and string literals
// blanked out, so that words inside them are not mistaken for operators.

/** The query with // comments and every string literal form replaced by spaces (same length). */
export function blankCommentsAndStrings(query: string): string {
  const out = query.split('');
  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (out[i] !== '\n') out[i] = ' ';
  };
  let i = 0;
  while (i < query.length) {
    const c = query[i];
    if (c === '/' && query[i + 1] === '/') {
      const end = query.indexOf('\n', i);
      const stop = end < 0 ? query.length : end;
      blank(i, stop);
      i = stop;
    } else if (query.startsWith('```', i)) {
      const end = query.indexOf('```', i + 3);
      const stop = end < 0 ? query.length : end + 3;
      blank(i, stop);
      i = stop;
    } else if ((c === '@' || c === 'h' || c === 'H') && (query[i + 1] === '"' || query[i + 1] === '\'') && (c === '@' || !/\w/.test(query[i - 1] ?? ''))) {
      // @"verbatim" (a doubled quote is a quote) and h"obfuscated" strings
      const quote = query[i + 1];
      let j = i + 2;
      while (j < query.length) {
        if (query[j] === quote) {
          if (c === '@' && query[j + 1] === quote) j += 2;
          else break;
        } else if (c !== '@' && query[j] === '\\') j += 2;
        else j++;
      }
      blank(i, j + 1);
      i = j + 1;
    } else if (c === '"' || c === '\'') {
      let j = i + 1;
      while (j < query.length && query[j] !== c && query[j] !== '\n') j += query[j] === '\\' ? 2 : 1;
      blank(i, j + 1);
      i = j + 1;
    } else {
      i++;
    }
  }
  return out.join('');
}

/** Whether the query uses the `search` operator (a Scheduled rule may not). */
export function usesSearch(query: string): boolean {
  return /(^|[|(;=]|\blet\s+\w+\s*=)\s*search\b/m.test(blankCommentsAndStrings(query));
}

/** Whether the query has `union *` or a wildcard table name in a union (a Scheduled rule may not). */
export function usesUnionStar(query: string): boolean {
  return /\bunion\b[^|;]*?(?:^|[\s,(])\w*\*(?=[\s,)|;]|$)/m.test(blankCommentsAndStrings(query));
}
