// The status bar item that shows the last ingestion run (rows written, when, where) or the one
// in progress. Clicking it runs "Ingest Message Trace..." (which offers Cancel during a run).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { IngestProgress } from '../../../ingest/run';
import type { LastIngestion } from '../state/memory';

export class IngestStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    this.item = vscode.window.createStatusBarItem('sentinelHunt.ingestion', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'Sentinel Hunt: Message Trace Ingestion';
    this.item.command = 'sentinelHunt.ingest';
  }

  get text(): string {
    return this.item.text;
  }

  get tooltip(): string {
    return typeof this.item.tooltip === 'string' ? this.item.tooltip : '';
  }

  showLast(run: LastIngestion | undefined): void {
    if (!run) {
      this.item.hide();
      return;
    }
    const rows = `${run.written.toLocaleString('en-US')} rows`;
    const where = shortTarget(run);
    const when = shortTime(new Date(run.finished));
    if (run.outcome === 'done') this.item.text = `$(database) ${rows} → ${where} · ${when}`;
    else if (run.outcome === 'cancelled') this.item.text = `$(debug-pause) Ingestion cancelled: ${rows} → ${where} · ${when}`;
    else this.item.text = `$(error) Ingestion failed → ${where} · ${when}`;
    this.item.tooltip = [
      `Last message trace ingestion (${run.outcome}), ${new Date(run.finished).toLocaleString()}`,
      `Target: ${run.target}`,
      `Source: ${run.source}, profile ${run.profile}`,
      `Rows read ${run.read.toLocaleString('en-US')}, written ${run.written.toLocaleString('en-US')}, duplicates skipped ${run.duplicates.toLocaleString('en-US')}`,
      ...(run.error ? [`Error: ${run.error}`] : []),
      'Click to ingest again.',
    ].join('\n');
    this.item.backgroundColor = run.outcome === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  showRunning(progress: IngestProgress | undefined): void {
    const rows = progress ? `: ${progress.written.toLocaleString('en-US')} rows written` : '';
    this.item.text = `$(sync~spin) Ingesting message trace${rows}`;
    this.item.tooltip = 'Message trace ingestion in progress. Click to cancel it or show the log.';
    this.item.backgroundColor = undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

function shortTarget(run: LastIngestion): string {
  if (run.targetKind === 'azure') {
    const stream = /stream ([^)\s]+)/.exec(run.target)?.[1];
    return `Azure ${stream ?? ''}`.trim();
  }
  const base = path.basename(run.target);
  return base === 'workspace' ? `${path.basename(path.dirname(run.target))}/${base}` : base;
}

function shortTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  const today = new Date();
  if (date.toDateString() === today.toDateString()) return time;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${time}`;
}
