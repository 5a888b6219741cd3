// "Load Schema from File..." and "Use Built-in Schemas": until live workspaces are connected,
// a JSON schema file (the `check --schema` format) tells the server a workspace's tables.
import * as vscode from 'vscode';
import { parseWorkspaceSchema } from '../kql/schema';
import type { KqlLanguageClient } from './language-client';

export function registerSchemaCommands(client: KqlLanguageClient): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('sentinelHunt.loadSchemaFromFile', async (uri?: vscode.Uri) => {
      const file = uri ?? (await vscode.window.showOpenDialog({ filters: { 'Schema JSON': ['json'] }, canSelectMany: false }))?.[0];
      if (!file) return undefined;
      try {
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
        const schema = parseWorkspaceSchema(JSON.parse(text), vscode.workspace.asRelativePath(file));
        const result = await client.setSchema(schema, vscode.workspace.asRelativePath(file));
        void vscode.window.showInformationMessage(`KQL schema loaded: ${result.tables} tables, ${result.functions} functions.`);
        return result;
      } catch (error) {
        void vscode.window.showErrorMessage(`Cannot load the KQL schema from ${file.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    }),
    vscode.commands.registerCommand('sentinelHunt.useBuiltinSchema', () => client.setSchema(null)),
  ];
}
