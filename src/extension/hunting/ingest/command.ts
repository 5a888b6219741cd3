// "Sentinel Hunt: Ingest Message Trace...": prompts (or takes an options object), then runs.
import * as vscode from 'vscode';
import type { IngestSummary } from '../../../ingest/run';
import type { Invocation } from '../ui/command';
import type { HuntingLog } from '../ui/log';
import { checkIngestOptions, type IngestCommandOptions } from './options';
import { promptIngest, type PromptDeps } from './prompts';
import type { IngestionRunner } from './runner';

export interface IngestCommandDeps extends PromptDeps {
  runner: IngestionRunner;
  log: HuntingLog;
}

export async function ingestCommand(invocation: Invocation<IngestCommandOptions>, deps: IngestCommandDeps): Promise<IngestSummary | undefined> {
  if (deps.runner.running) {
    if (!invocation.interactive) throw new Error('a message trace ingestion is already running; cancel it first');
    const action = await vscode.window.showWarningMessage('A message trace ingestion is running.', 'Cancel It', 'Show Log');
    if (action === 'Cancel It') deps.runner.cancel();
    else if (action === 'Show Log') deps.log.show();
    return undefined;
  }
  const options = invocation.interactive ? await promptIngest(deps) : invocation.options;
  checkIngestOptions(options);
  return deps.runner.run(options);
}
