// The HTML report (src/report/html-report.ts): one self-contained file whose CSP hashes match
// its inline script and style, whose data cannot break out of its JSON block, and whose tables
// show values as text.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findAssetsDir } from '../../src/report/assets';
import { scriptJson } from '../../src/report/escape';
import { htmlReport, type ReportSection } from '../../src/report/html-report';

const EVIL = '</script><script>window.__pwned=1</script><!-- \u2028 & <img src=x onerror=alert(1)>';

let assetsDir = '';
before(() => {
  assetsDir = mkdtempSync(path.join(os.tmpdir(), 'report-assets-'));
  // A script that contains "</script" in a string: the report must still keep it in its element.
  writeFileSync(path.join(assetsDir, 'report.js'), 'window.drawn = "a</script>b";');
  writeFileSync(path.join(assetsDir, 'report.css'), 'body { color: #123456; }');
});
after(() => rmSync(assetsDir, { recursive: true, force: true }));

const timechart: ReportSection = {
  title: 'Mail per hour',
  description: 'Two statuses.',
  query: 'T | summarize count() by bin(TimeGenerated, 1h), Status | render timechart',
  result: {
    columns: [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Status', type: 'string' }, { name: 'n', type: 'long' }],
    rows: [['2024-05-01T00:00:00Z', 'Delivered', 3], ['2024-05-01T00:00:00Z', EVIL, 1]],
    visualization: { visualization: 'timechart', title: EVIL },
  },
};
const table: ReportSection = {
  title: `Senders ${EVIL}`,
  query: `T | where Subject has "${EVIL}"`,
  result: {
    columns: [{ name: 'Sender', type: 'string' }, { name: 'Size', type: 'long' }, { name: 'Extra', type: 'dynamic' }],
    rows: Array.from({ length: 30 }, (_, i) => [i === 0 ? EVIL : `user${i}@contoso.com`, i, i === 1 ? { note: EVIL } : null]),
    visualization: null,
    totalRows: 250,
  },
};

const build = (sections: ReportSection[], maxTableRows?: number) =>
  htmlReport(sections, { title: `Report ${EVIL}`, subtitle: 'fixture', generatedAt: '2024-05-03T00:00:00Z', assetsDir, maxTableRows });

/** The <script> elements as the HTML parser would split them: (attributes, text). */
function scripts(html: string): { attrs: string; text: string }[] {
  return [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script/gi)].map((m) => ({ attrs: m[1], text: m[2] }));
}

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('htmlReport', () => {
  it('is one document with a strict CSP whose hashes match the inline script and style', () => {
    const html = build([timechart, table]);
    assert.match(html, /^<!DOCTYPE html>/);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1].replace(/&#39;/g, "'");
    assert.ok(csp, 'a CSP meta tag');
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const code = scripts(html).filter((s) => !s.attrs.includes('application/json'));
    assert.equal(code.length, 1, 'one executable script');
    assert.equal(code[0].attrs, '', 'inline, no src');
    assert.equal(code[0].text, 'window.drawn = "a<\\/script>b";', '"</script" in the script is escaped (same JS)');
    assert.equal(csp, `default-src 'none'; script-src ${sha(code[0].text)}; style-src ${sha(style)}; img-src data:; base-uri 'none'; form-action 'none'`);
    assert.ok(!csp.includes('unsafe'), 'no unsafe-inline or unsafe-eval');
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<style>'), 'the CSP comes before what it governs');
  });

  it('loads nothing from the network', () => {
    const html = build([timechart, table]);
    assert.doesNotMatch(html, /<(link|img|iframe|object|embed)\b/i);
    assert.doesNotMatch(html, /<[a-z][^>]*\ssrc=/i, 'no element with a src');
    assert.doesNotMatch(html, /https?:\/\//);
  });

  it('embeds chart data as JSON that no value can break out of, and reads back equal', () => {
    const html = build([timechart, table]);
    const blocks = scripts(html).filter((s) => s.attrs.includes('application/json'));
    assert.equal(blocks.length, 1);
    assert.match(blocks[0].attrs, /id="report-data"/);
    const text = blocks[0].text;
    assert.doesNotMatch(text, /<|>|\u2028/, 'no "<", ">" or U+2028 inside the block');
    const data = JSON.parse(text) as { charts: Record<string, { rows: unknown[][]; visualization: { title: string } }> };
    assert.deepEqual(Object.keys(data.charts), ['0'], 'only sections with a render carry chart data');
    assert.equal(data.charts['0'].rows[1][1], EVIL);
    assert.equal(data.charts['0'].visualization.title, EVIL);
  });

  it('shows titles, queries and cells as escaped text', () => {
    const html = build([timechart, table]);
    const escaped = EVIL.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    assert.ok(html.includes(`<title>Report ${escaped}</title>`));
    assert.ok(html.includes(`<h2 id="hunt-2-title">Senders ${escaped}</h2>`));
    assert.ok(html.includes(`<td>${escaped}</td>`), 'a cell');
    assert.ok(html.includes(escaped.replace(/"/g, '&quot;')) || html.includes(escaped), 'the query');
    // Outside the two script elements, no tag comes from data.
    const markup = html.replace(/<script[\s\S]*?<\/script>/gi, '');
    assert.doesNotMatch(markup, /<img|<script|onerror=alert\(1\)>/);
    assert.equal(scripts(html).length, 2, 'the data added no script element');
  });

  it('has a chart element for a section with a render and a table of the first rows for each', () => {
    const html = build([timechart, table], 10);
    assert.match(html, /<div class="chart" data-chart="0" role="img" aria-label="Chart: Mail per hour"><\/div>/);
    assert.equal((html.match(/class="chart"/g) ?? []).length, 1);
    const second = html.slice(html.indexOf('id="hunt-2"'));
    assert.equal((second.match(/<tr>/g) ?? []).length, 11, 'header + 10 rows');
    assert.match(second, /Showing the first 10 of 250 rows\./);
    assert.match(html, /<td class="num">3<\/td>/);
    assert.match(html, /<td class="null"><\/td>/);
    assert.match(html, /<a href="#hunt-1">Mail per hour<\/a>/, 'a table of contents');
  });

  it('a section without a result says so', () => {
    const html = build([{ title: 'Failed hunt', description: 'Could not run: x', query: 'X', result: { columns: [], rows: [], visualization: null } }]);
    assert.match(html, /<p class="empty">No result\.<\/p>/);
    assert.doesNotMatch(html, /class="chart"/);
  });

  it('finds the bundled assets above compiled files (out/ -> dist/webview)', () => {
    const dir = findAssetsDir(__dirname);
    assert.ok(dir, 'dist/webview/report.js exists after npm run build');
    assert.equal(path.basename(dir), 'webview');
    const html = htmlReport([timechart], { title: 'Real assets' });
    assert.ok(html.length > 100_000, 'the real report script (ECharts) is inlined');
    const code = scripts(html).filter((s) => !s.attrs.includes('application/json'));
    assert.equal(code.length, 1, 'the bundle does not end its script element early');
  });

  it('scriptJson escapes what HTML would parse in a script block', () => {
    assert.equal(scriptJson({ a: '</script>&\u2028\u2029' }), '{"a":"\\u003c/script\\u003e\\u0026\\u2028\\u2029"}');
    assert.deepEqual(JSON.parse(scriptJson({ a: '</script>&\u2028' })), { a: '</script>&\u2028' });
  });
});
