// One ingestion run at a time: builds the source and sink, runs the core pipeline under a
// cancellable progress notification (its Cancel and the API's cancel abort the same signal),
// logs, and records the outcome for the status bar.
import * as vscode from 'vscode';
import type { IngestProgress, IngestSummary } from '../../../ingest/run';
import type { IngestProfileName } from '../../../ingest/profiles';
import type { CredentialDeps } from '../auth/credentials';
import type { LastIngestion, Memory } from '../state/memory';
import { readSettings } from '../state/settings';
import { errorMessage } from '../ui/log';
import type { IngestCommandOptions } from './options';
import { createSink } from './sink';
import { createSource } from './source';
import type { IngestStatusBar } from './status-bar';
import { describeSummary } from './summary';

export interface RunnerDeps extends CredentialDeps {
  memory: Memory;
  statusBar: IngestStatusBar;
  globalStorage: string;
  defaultFolder(): string | undefined;
}

interface CurrentRun {
  controller: AbortController;
  progress?: IngestProgress;
}

const MAX_LOGGED_REJECTIONS = 50;

export class IngestionRunner {
  private current?: CurrentRun;

  constructor(private readonly deps: RunnerDeps) {}

  get running(): boolean {
    return this.current !== undefined;
  }

  get progress(): IngestProgress | undefined {
    return this.current?.progress;
  }

  /** Stops the run in progress; false when there is none. */
  cancel(): boolean {
    if (!this.current) return false;
    this.current.controller.abort();
    return true;
  }

  /** The summary, or undefined when the run was cancelled; throws when it failed. */
  async run(options: IngestCommandOptions): Promise<IngestSummary | undefined> {
    if (this.current) throw new Error('a message trace ingestion is already running; cancel it first');
    const current: CurrentRun = { controller: new AbortController() };
    this.current = current;
    const profile: IngestProfileName = options.profile ?? 'classic';
    const record: LastIngestion = {
      outcome: 'failed', written: 0, duplicates: 0, read: 0, finished: '', target: describeTarget(options, this.deps.defaultFolder()), targetKind: options.target.kind,
      source: options.source.kind, profile,
    };
    this.deps.statusBar.showRunning(undefined);
    try {
      const summary = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Sentinel Hunt: ingesting message trace', cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => current.controller.abort());
          return this.ingest(options, profile, current, record, progress);
        },
      );
      Object.assign(record, { outcome: 'done', written: summary.written, duplicates: summary.duplicates, read: summary.read });
      void vscode.window.showInformationMessage(
        `Ingested ${summary.written.toLocaleString('en-US')} rows into ${record.target} (${summary.duplicates.toLocaleString('en-US')} duplicates skipped).`,
      );
      return summary;
    } catch (error) {
      const counts = current.progress;
      Object.assign(record, { written: counts?.written ?? 0, duplicates: counts?.duplicates ?? 0, read: counts?.read ?? 0 });
      if (current.controller.signal.aborted) {
        record.outcome = 'cancelled';
        this.deps.log.line('ingest', `cancelled after ${record.written.toLocaleString('en-US')} rows written; they are kept, and the next run skips them`);
        void vscode.window.showInformationMessage(`Ingestion cancelled after ${record.written.toLocaleString('en-US')} rows. Run it again to go on from there.`);
        return undefined;
      }
      record.error = this.deps.log.redact(errorMessage(error));
      this.deps.log.line('ingest', 'nothing accepted before the failure is lost; run the same ingestion again to resume');
      throw error;
    } finally {
      record.finished = new Date().toISOString();
      this.current = undefined;
      await this.deps.memory.set('ingest.lastRun', record);
      this.deps.statusBar.showLast(record);
    }
  }

  private async ingest(
    options: IngestCommandOptions,
    profile: IngestProfileName,
    current: CurrentRun,
    record: LastIngestion,
    progress: vscode.Progress<{ message?: string; increment?: number }>,
  ): Promise<IngestSummary> {
    const { log } = this.deps;
    const settings = readSettings();
    const deps = { ...this.deps, authorityHost: options.authorityHost ?? settings.authorityHost, graphEndpoint: settings.graphEndpoint };
    progress.report({ message: 'preparing…' });
    const { source, period, description } = await createSource(options.source, deps);
    const sink = await createSink(options.target, profile, {
      ...deps,
      defaultFolder: this.deps.defaultFolder(),
      sourceApp: options.source.kind === 'graph' ? options.source.app : undefined,
    });
    record.target = sink.target;
    log.line('ingest', `${description} -> ${sink.target} (profile ${profile})`);

    const { DEFAULT_OVERLAP_MS, parseDuration, runIngestion } = await import('../../../ingest');
    const overlap = options.overlap ?? settings.ingestOverlap;
    let rejected = 0;
    let lastWindow = 0;
    const summary = await runIngestion({
      source,
      sink,
      profile,
      now: period ? period.end : new Date(),
      firstRunStart: period?.start,
      since: date(options.since, 'since'),
      until: date(options.until, 'until'),
      overlapMs: overlap ? parseDuration(overlap, 'sentinelHunt.ingest.overlap') : DEFAULT_OVERLAP_MS,
      batchRows: sink.kind === 'local' ? 50_000 : 5_000,
      signal: current.controller.signal,
      onProgress: (p) => {
        current.progress = p;
        const increment = p.window > lastWindow ? ((p.window - lastWindow) / p.windows) * 100 : undefined;
        lastWindow = p.window;
        progress.report({
          increment,
          message: `window ${p.window}/${p.windows}: ${p.read.toLocaleString('en-US')} read, ${p.written.toLocaleString('en-US')} written, ${p.duplicates.toLocaleString('en-US')} duplicates`,
        });
        this.deps.statusBar.showRunning(p);
        log.line('ingest', `window ${p.window}/${p.windows}: read ${p.read}, written ${p.written}, duplicates ${p.duplicates}, rejected ${p.rejected}`);
      },
      onReject: (r) => {
        rejected++;
        if (rejected <= MAX_LOGGED_REJECTIONS) log.line('ingest', `${r.where}${r.line === undefined ? '' : `:${r.line}`}: rejected: ${r.message}`);
        else if (rejected === MAX_LOGGED_REJECTIONS + 1) log.line('ingest', 'more rows rejected; only the count is kept from here on');
      },
    });
    current.progress = { ...summary, window: summary.windows, windows: summary.windows };
    log.line('ingest', describeSummary(summary, sink.target));
    return summary;
  }
}

function describeTarget({ target }: IngestCommandOptions, defaultFolder: string | undefined): string {
  if (target.kind === 'local') return target.folder || defaultFolder || '(no folder)';
  return `${target.endpoint} (data collection rule ${target.dcrImmutableId}, stream ${target.stream})`;
}

function date(text: string | undefined, name: string): Date | undefined {
  if (text === undefined) return undefined;
  const parsed = new Date(text);
  if (Number.isNaN(parsed.getTime())) throw new Error(`${name} ${JSON.stringify(text)} is not a date (ISO 8601, e.g. 2026-01-20T00:00:00Z)`);
  return parsed;
}
