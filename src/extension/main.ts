// The extension host face: connects the KQL language server and registers commands.
import * as vscode from 'vscode';
import type { ReadyParams } from '../server/protocol';
import { KqlLanguageClient } from './language-client';
import { registerHuntingCommands, type HuntingApi } from './hunting/register';
import { registerQueryCommands, type ResultsApi } from './results/register';
import { registerSchemaCommands } from './schema-commands';

/** What the extension returns from activate(); the integration tests use it. */
export interface SentinelHuntApi extends HuntingApi, ResultsApi {
  languageServerReady: Promise<ReadyParams>;
}

export async function activate(context: vscode.ExtensionContext): Promise<SentinelHuntApi> {
  const output = vscode.window.createOutputChannel('Sentinel Hunt');
  const client = new KqlLanguageClient(context, output);
  context.subscriptions.push(
    output,
    client,
    ...registerSchemaCommands(client),
    vscode.commands.registerCommand('sentinelHunt.restartLanguageServer', () => client.restart()),
  );
  const hunting = registerHuntingCommands(context, output);
  const results = registerQueryCommands(context, output, client);
  context.subscriptions.push(...hunting.disposables, ...results.disposables);
  await client.start();
  return { languageServerReady: client.ready, ...hunting.api, ...results.api };
}

export function deactivate(): void {
  // Disposables registered in activate() stop the language client.
}
