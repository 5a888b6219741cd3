// The query to export: the editor's selection, or else the blank-line-separated query block
// at the cursor (the same blocks the language server and the query runner use).
import type * as vscode from 'vscode';
import { blockAt, splitBlocks } from '../../../kql/blocks';

export function queryAtCursor(editor: vscode.TextEditor): string | undefined {
  const { document, selection } = editor;
  if (!selection.isEmpty) {
    const text = document.getText(selection).trim();
    if (text !== '') return text;
  }
  const block = blockAt(splitBlocks(document.getText()), document.offsetAt(selection.active));
  const text = block?.text.trim();
  return text ? text : undefined;
}
