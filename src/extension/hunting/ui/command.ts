// Registers a hunting command with one error policy: Escape in a prompt ends it quietly; any
// other failure is logged and shown (redacted), and also rethrown when the command was run
// non-interactively (an options object), so that tests and automation see it.
import * as vscode from 'vscode';
import { errorMessage, type HuntingLog } from './log';
import { PromptCancelled } from './prompts';

/** An options object (or other argument) given: run without prompting. */
export type Invocation<T> = { interactive: true } | { interactive: false; options: T };

export function registerHuntingCommand<T, R>(
  id: string,
  topic: string,
  log: HuntingLog,
  isOptions: (arg: unknown) => arg is T,
  run: (invocation: Invocation<T>, arg: unknown) => Promise<R | undefined>,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (arg?: unknown) => {
    const invocation: Invocation<T> = isOptions(arg) ? { interactive: false, options: arg } : { interactive: true };
    try {
      return await run(invocation, arg);
    } catch (error) {
      if (error instanceof PromptCancelled) return undefined;
      const message = log.redact(errorMessage(error));
      log.line(topic, `error: ${message}`);
      void vscode.window.showErrorMessage(message, 'Show Log').then((action) => {
        if (action === 'Show Log') log.show();
      });
      if (!invocation.interactive) throw new Error(message);
      return undefined;
    }
  });
}

export function isPlainObject(arg: unknown): arg is Record<string, unknown> {
  return typeof arg === 'object' && arg !== null && !Array.isArray(arg) && !(arg instanceof vscode.Uri);
}
