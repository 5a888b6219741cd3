// Thin wrappers over quick picks and input boxes: Escape anywhere ends the whole flow by
// throwing PromptCancelled, which the command wrapper (command.ts) turns into a quiet return.
import * as vscode from 'vscode';

export class PromptCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'PromptCancelled';
  }
}

export interface TextPrompt {
  title: string;
  prompt: string;
  value?: string;
  placeHolder?: string;
  password?: boolean;
  /** Returns an error message, or undefined when the text is acceptable. */
  validate?: (text: string) => string | undefined;
}

export async function askText(options: TextPrompt): Promise<string> {
  const text = await vscode.window.showInputBox({
    title: options.title,
    prompt: options.prompt,
    value: options.value,
    placeHolder: options.placeHolder,
    password: options.password,
    ignoreFocusOut: true,
    validateInput: options.validate,
  });
  if (text === undefined) throw new PromptCancelled();
  return text.trim();
}

export interface Choice<T> extends vscode.QuickPickItem {
  value: T;
}

export async function pickOne<T>(title: string, items: readonly Choice<T>[], placeHolder?: string): Promise<T> {
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder, ignoreFocusOut: true, matchOnDescription: true, matchOnDetail: true });
  if (picked === undefined) throw new PromptCancelled();
  return picked.value;
}

export async function pickMany<T>(title: string, items: readonly Choice<T>[], placeHolder?: string): Promise<T[]> {
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder, canPickMany: true, ignoreFocusOut: true, matchOnDescription: true });
  if (picked === undefined) throw new PromptCancelled();
  return picked.map((p) => p.value);
}

/** Items with the remembered value first and marked, so Enter repeats the last choice. */
export function rememberedFirst<T>(items: Choice<T>[], remembered: T | undefined): Choice<T>[] {
  const index = items.findIndex((item) => item.value === remembered);
  if (index < 0) return items;
  const [last] = items.splice(index, 1);
  return [{ ...last, description: [last.description, '(last used)'].filter(Boolean).join(' ') }, ...items];
}

/** Splits "a.com, b.com c.com" into its parts. */
export function splitList(text: string): string[] {
  return text.split(/[\s,;]+/).map((s) => s.trim()).filter((s) => s !== '');
}
