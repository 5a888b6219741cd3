import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blockAt, splitBlocks } from '../../src/kql/blocks';

test('blank lines separate query blocks, with offsets into the document', () => {
  const text = 'T | take 1\n\n\nlet x = 1;\nprint x\n   \nS';
  const blocks = splitBlocks(text);
  assert.deepEqual(blocks.map((b) => b.text), ['T | take 1', 'let x = 1;\nprint x', 'S']);
  for (const block of blocks) assert.equal(text.slice(block.start, block.end), block.text);
});

test('a blank line inside a ``` string does not split the block', () => {
  const text = 'print s = ```first\n\nsecond```\n| extend n = 1\n\nT';
  assert.deepEqual(splitBlocks(text).map((b) => b.text), ['print s = ```first\n\nsecond```\n| extend n = 1', 'T']);
});

test('``` inside a comment or a quoted string does not open a multi-line string', () => {
  const text = "print a = '```' // ```\n\nT";
  assert.deepEqual(splitBlocks(text).map((b) => b.text), ["print a = '```' // ```", 'T']);
});

test('CRLF line ends are kept out of the block text', () => {
  assert.deepEqual(splitBlocks('A\r\n\r\nB\r\n').map((b) => b.text), ['A', 'B']);
});

test('blockAt finds the block under the cursor, including right after its last character', () => {
  const blocks = splitBlocks('AAA\n\nBBB');
  assert.equal(blockAt(blocks, 3)?.text, 'AAA');
  assert.equal(blockAt(blocks, 4), undefined);
  assert.equal(blockAt(blocks, 5)?.text, 'BBB');
});
