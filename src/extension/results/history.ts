// The last runs (query, connection, outcome), newest first, kept in the workspace's state.
import type * as vscode from 'vscode';

export const HISTORY_KEY = 'sentinelHunt.queryHistory';
export const HISTORY_SIZE = 50;

export interface HistoryEntry {
  id: string;
  query: string;
  connection: string;
  target: string;
  /** ISO 8601 time the run started. */
  at: string;
  status: 'ok' | 'error' | 'cancelled';
  rows?: number;
  durationMs?: number;
  message?: string;
}

export class QueryHistory {
  constructor(private readonly state: vscode.Memento) {}

  entries(): HistoryEntry[] {
    const stored = this.state.get<unknown>(HISTORY_KEY);
    return Array.isArray(stored) ? stored.filter(isEntry) : [];
  }

  async add(entry: HistoryEntry): Promise<void> {
    const entries = [entry, ...this.entries().filter((e) => e.id !== entry.id)].slice(0, HISTORY_SIZE);
    await this.state.update(HISTORY_KEY, entries);
  }

  async clear(): Promise<void> {
    await this.state.update(HISTORY_KEY, []);
  }
}

function isEntry(value: unknown): value is HistoryEntry {
  const e = value as Partial<HistoryEntry> | null;
  return typeof e === 'object' && e !== null && typeof e.id === 'string' && typeof e.query === 'string'
    && typeof e.connection === 'string' && typeof e.at === 'string' && (e.status === 'ok' || e.status === 'error' || e.status === 'cancelled');
}
