// The hunting commands' lines in the shared 'Sentinel Hunt' output channel. Every line and
// every message shown to the user passes through redact(): secrets the commands handled
// (client secrets, tokens) are replaced, whatever library put them into an error text.
import type * as vscode from 'vscode';

const TAIL_LINES = 500;
const MASK = '***';

export class HuntingLog {
  private readonly tail: string[] = [];
  private readonly secrets = new Set<string>();

  constructor(private readonly output: vscode.OutputChannel) {}

  /** Registers a value that must never appear in the log or a message. */
  addSecret(value: string): void {
    if (value.length >= 4) this.secrets.add(value);
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) result = result.split(secret).join(MASK);
    // Bearer tokens that a library may have quoted in an error.
    return result.replace(/\b(Bearer\s+)[\w.~+/-]{20,}=*/gi, `$1${MASK}`);
  }

  line(topic: string, text: string): void {
    const stamp = new Date().toISOString().slice(11, 19);
    for (const part of this.redact(text).split('\n')) {
      const line = `[${stamp}] [${topic}] ${part}`;
      this.output.appendLine(line);
      this.tail.push(line);
    }
    if (this.tail.length > TAIL_LINES) this.tail.splice(0, this.tail.length - TAIL_LINES);
  }

  show(): void {
    this.output.show(true);
  }

  /** The last lines written (for the integration tests). */
  text(): string {
    return this.tail.join('\n');
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
