// The table's pure parts (src/webview/table): typed sort, filter, selection, TSV, cell text,
// widths; and the page skeleton (src/webview/html.ts) and the default chart kind.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { guessKind } from '../../src/webview/charts/guess';
import { resultsHtml } from '../../src/webview/html';
import { cellText, detailText, isExpandable } from '../../src/webview/table/cell-text';
import { sortKey, sortRows } from '../../src/webview/table/compare';
import { RowFilter } from '../../src/webview/table/filter';
import { cellSelection, extendTo, moveFocus, selectionRect, selectionTsv, type Selection } from '../../src/webview/table/selection';
import { TableModel } from '../../src/webview/table/table-model';
import { toTsv } from '../../src/webview/table/tsv';
import { columnWidths, MIN_WIDTH } from '../../src/webview/table/widths';

const order = (rows: unknown[][], type: string, dir: 'asc' | 'desc' = 'asc') => sortRows(rows, rows.map((_, i) => i), 0, type, dir).map((i) => rows[i][0]);

describe('typed sort', () => {
  it('numbers as numbers, nulls last both ways, stable', () => {
    const rows = [[10], [9], [null], [100], [9]];
    assert.deepEqual(order(rows, 'long'), [9, 9, 10, 100, null]);
    assert.deepEqual(order(rows, 'long', 'desc'), [100, 10, 9, 9, null]);
    const stable = sortRows([[1, 'a'], [0, 'b'], [1, 'c']], [0, 1, 2], 0, 'int', 'desc');
    assert.deepEqual(stable, [0, 2, 1]);
  });

  it('real values sent as strings ("NaN") sort after numbers', () => {
    assert.deepEqual(order([[1.5], ['NaN'], [-2]], 'real'), [-2, 1.5, 'NaN']);
  });

  it('datetimes by instant, with fractions of any length', () => {
    const rows = [['2024-05-01T00:00:00Z'], ['2024-05-01T00:00:00.5Z'], ['2024-04-30T23:59:59.9999999Z'], ['2024-05-01T00:00:00.0000001Z']];
    assert.deepEqual(order(rows, 'datetime'), ['2024-04-30T23:59:59.9999999Z', '2024-05-01T00:00:00Z', '2024-05-01T00:00:00.0000001Z', '2024-05-01T00:00:00.5Z']);
  });

  it('timespans by length, negative first', () => {
    assert.deepEqual(order([['1.00:00:00'], ['02:00:00'], ['-00:00:01'], ['00:00:00.5']], 'timespan'), ['-00:00:01', '00:00:00.5', '02:00:00', '1.00:00:00']);
  });

  it('booleans false before true; strings ordinal; dynamic by JSON', () => {
    assert.deepEqual(order([[true], [false]], 'bool'), [false, true]);
    assert.deepEqual(order([['b'], ['B'], ['a']], 'string'), ['B', 'a', 'b']);
    assert.equal(sortKey({ a: 1 }, 'dynamic'), '{"a":1}');
  });
});

describe('filter and model', () => {
  const rows = [['Alice', 1, { tag: 'x' }], ['bob', 2, null], ['Carol', 3, ['BOB']]];

  it('matches any cell, case-insensitive, including dynamic values as JSON', () => {
    const filter = new RowFilter(rows);
    assert.deepEqual(filter.apply('bob'), [1, 2]);
    assert.deepEqual(filter.apply('"tag"'), [0]);
    assert.deepEqual(filter.apply('  '), [0, 1, 2]);
  });

  it('TableModel filters then sorts; a header click cycles asc, desc, none', () => {
    const model = new TableModel([{ name: 'name', type: 'string' }, { name: 'n', type: 'long' }, { name: 'd', type: 'dynamic' }], rows);
    model.setFilter('o');
    assert.deepEqual(model.view, [1, 2]);
    model.cycleSort(1);
    assert.deepEqual(model.view, [1, 2]);
    model.cycleSort(1);
    assert.deepEqual(model.view, [2, 1]);
    model.cycleSort(1);
    assert.equal(model.sort, undefined);
    assert.deepEqual(model.view, [1, 2]);
  });
});

describe('selection and TSV', () => {
  const rows = [['a', 1], ['b\tc', 2], ['say "hi"\nthere', 3]];
  const view = [2, 0, 1];

  it('a rectangle from anchor to focus, clamped; rows and columns modes span the other axis', () => {
    const sel = extendTo(cellSelection({ row: 2, col: 1 }), { row: 0, col: 0 });
    assert.deepEqual(selectionRect(sel, 3, 2), { r0: 0, r1: 2, c0: 0, c1: 1 });
    const rowsMode: Selection = { ...cellSelection({ row: 1, col: 1 }), mode: 'rows' };
    assert.deepEqual(selectionRect(rowsMode, 3, 2), { r0: 1, r1: 1, c0: 0, c1: 1 });
    const colsMode: Selection = { ...cellSelection({ row: 1, col: 1 }), mode: 'columns' };
    assert.deepEqual(selectionRect(colsMode, 3, 2), { r0: 0, r1: 2, c0: 1, c1: 1 });
    assert.equal(selectionRect(sel, 0, 2), undefined);
  });

  it('arrow moves clamp to the view; Shift keeps the anchor', () => {
    let sel = cellSelection({ row: 0, col: 0 });
    sel = moveFocus(sel, -1, 5, false, 3, 2);
    assert.deepEqual(sel.focus, { row: 0, col: 1 });
    sel = moveFocus(sel, 10, 0, true, 3, 2);
    assert.deepEqual([sel.anchor, sel.focus], [{ row: 0, col: 1 }, { row: 2, col: 1 }]);
  });

  it('copies the view order as TSV, quoting tabs, line breaks and quotes', () => {
    const text = selectionTsv({ r0: 0, r1: 2, c0: 0, c1: 1 }, view, rows, ['name', 'n'], true);
    assert.equal(text, 'name\tn\n"say ""hi""\nthere"\t3\na\t1\n"b\tc"\t2');
    assert.equal(toTsv([['x', ''], ['', 'y']]), 'x\t\n\ty');
  });
});

describe('cell text and widths', () => {
  it('values as text: null empty, dynamic as compact JSON, detail pretty', () => {
    assert.equal(cellText(null), '');
    assert.equal(cellText({ a: [1] }), '{"a":[1]}');
    assert.equal(cellText(false), 'false');
    assert.equal(detailText({ a: 1 }), '{\n  "a": 1\n}');
    assert.equal(detailText('{"b":2}'), '{\n  "b": 2\n}');
    assert.equal(detailText('<b>not json'), '<b>not json');
    assert.ok(isExpandable([1]) && isExpandable('a\nb') && !isExpandable('short') && !isExpandable(null));
  });

  it('widths from header and values, within bounds', () => {
    const [narrow, wide] = columnWidths([{ name: 'n' }, { name: 'Subject' }], [[1, 'x'.repeat(500)]]);
    assert.equal(narrow, MIN_WIDTH);
    assert.equal(wide, 360);
  });
});

describe('resultsHtml', () => {
  const page = resultsHtml({ scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/dist/webview/results.js?a=1&b=2', styleUri: 'https://x.vscode-cdn.net/results.css', cspSource: 'https://*.vscode-cdn.net', nonce: 'abcdefghijklmnop0123456789' });

  it('has the strict CSP with the nonce, and the script and stylesheet from the extension', () => {
    assert.ok(page.includes(`content="default-src 'none'; script-src 'nonce-abcdefghijklmnop0123456789'; style-src https://*.vscode-cdn.net; img-src https://*.vscode-cdn.net data:; font-src https://*.vscode-cdn.net"`.replace(/'/g, "'")));
    assert.match(page, /<script nonce="abcdefghijklmnop0123456789" src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/dist\/webview\/results\.js\?a=1&amp;b=2"><\/script>/);
    assert.match(page, /<link rel="stylesheet" href="https:\/\/x\.vscode-cdn\.net\/results\.css">/);
    assert.doesNotMatch(page, /\sstyle=|\son[a-z]+=/, 'no inline styles or handlers');
    assert.equal((page.match(/<script/g) ?? []).length, 1);
  });

  it('refuses a weak nonce or a CSP source that could inject directives', () => {
    assert.throws(() => resultsHtml({ scriptUri: 'a', styleUri: 'b', cspSource: 'https://x', nonce: 'short' }));
    assert.throws(() => resultsHtml({ scriptUri: 'a', styleUri: 'b', cspSource: "https://x; script-src 'unsafe-inline'", nonce: 'abcdefghijklmnop0123456789' }));
  });

  it("accepts VS Code's own source list ('self' and the CDN host)", () => {
    const real = resultsHtml({ scriptUri: 'a', styleUri: 'b', cspSource: "'self' https://*.vscode-cdn.net", nonce: 'abcdefghijklmnop0123456789' });
    assert.ok(real.includes("style-src 'self' https://*.vscode-cdn.net;"));
  });
});

describe('guessKind (a chart for a result without render)', () => {
  it('time -> timechart, text + numbers -> columnchart, numbers -> scatterchart, one value -> card', () => {
    assert.equal(guessKind([{ name: 'T', type: 'datetime' }, { name: 'n', type: 'long' }], 10), 'timechart');
    assert.equal(guessKind([{ name: 'S', type: 'string' }, { name: 'n', type: 'long' }], 10), 'columnchart');
    assert.equal(guessKind([{ name: 'a', type: 'real' }, { name: 'b', type: 'real' }], 10), 'scatterchart');
    assert.equal(guessKind([{ name: 'n', type: 'long' }], 1), 'card');
  });
});
