// Escaping for the parts of the report that carry data: HTML text and attributes, JSON inside a
// <script> block, and inline scripts that must not end their element early.

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>` and `&` become \u escapes (they
 * only occur inside JSON strings, where the escapes mean the same), so no `</script>` or `<!--`
 * in the data can end or confuse the element; U+2028/2029 likewise.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Script text safe inside <script>...</script>: `</script` written as `<\/script` (same JS). */
export function inlineScript(code: string): string {
  if (code.includes('<!--')) throw new Error('inline script contains "<!--", which HTML parses specially');
  return code.replace(/<\/(script)/gi, '<\\/$1');
}

/** CSS text safe inside <style>...</style>. */
export function inlineStyle(css: string): string {
  if (/<\/style/i.test(css)) throw new Error('inline style contains "</style"');
  return css;
}
