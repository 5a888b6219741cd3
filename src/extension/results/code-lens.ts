// "▶ Run" above each blank-line-separated query block of a KQL document.
import * as vscode from 'vscode';
import { splitBlocks } from '../../kql/blocks';
import { SECTION } from './settings';

export const RUN_QUERY_COMMAND = 'sentinelHunt.runQuery';

export class RunCodeLensProvider implements vscode.CodeLensProvider {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;

  refresh(): void {
    this.emitter.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.getConfiguration(SECTION, document).get<boolean>('codeLens', true)) return [];
    return splitBlocks(document.getText())
      .filter((block) => !isOnlyComments(block.text))
      .map((block) => {
        const line = document.positionAt(block.start).line;
        return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
          title: '▶ Run',
          tooltip: 'Run this query (Ctrl+Enter)',
          command: RUN_QUERY_COMMAND,
          arguments: [document.uri, line],
        });
      });
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

function isOnlyComments(text: string): boolean {
  return text.split(/\r?\n/).every((line) => line.trim() === '' || line.trim().startsWith('//'));
}
