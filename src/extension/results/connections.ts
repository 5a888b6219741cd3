// The named connections (the `sentinelHunt.connections` setting, plus ones given to the select
// command), which one is active (remembered per workspace), and the status bar item showing it.
// With no connection chosen, the local workspace that ingestion writes to (sentinelHunt.localWorkspace,
// by default <folder>/.sentinel-hunt/workspace), or an open folder that is one, is used.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { MANIFEST_FILE } from '../../store/manifest';
import { defaultLocalWorkspace } from '../hunting/state/settings';
import { connectionSetting, describeTarget, parseConnection, type Connection, type LocalConnection } from './connection';
import { isLocalWorkspace } from './local-schema';
import { SECTION } from './settings';

const ACTIVE_KEY = 'sentinelHunt.activeConnection';
export const SELECT_CONNECTION_COMMAND = 'sentinelHunt.selectConnection';

export class ConnectionManager implements vscode.Disposable {
  private readonly adHoc = new Map<string, Connection>();
  private implicit: LocalConnection | undefined;
  private readonly emitter = new vscode.EventEmitter<Connection | undefined>();
  /** Fires when the active connection, or its definition, changes. */
  readonly onDidChangeActive = this.emitter.event;
  private readonly statusBar: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  /** Watch for the default local workspace to appear (after a first ingestion). */
  private watchers: vscode.Disposable[] = [];
  private reported = '';

  constructor(private readonly state: vscode.Memento, private readonly log: (line: string) => void) {
    this.statusBar = vscode.window.createStatusBarItem('sentinelHunt.connection', vscode.StatusBarAlignment.Left, 50);
    this.statusBar.name = 'Sentinel Hunt Connection';
    this.statusBar.command = SELECT_CONNECTION_COMMAND;
    this.disposables.push(
      this.statusBar,
      this.emitter,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SECTION}.localWorkspace`)) void this.initialize();
        else if (event.affectsConfiguration(`${SECTION}.connections`) || event.affectsConfiguration(`${SECTION}.logAnalytics`) || event.affectsConfiguration(`${SECTION}.auth`)) this.changed();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.initialize()),
    );
  }

  /** Looks for the default local workspace; shows the status bar item. */
  async initialize(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const root = folder?.scheme === 'file' ? folder.fsPath : undefined;
    const candidates = [...new Set([defaultLocalWorkspace(), root].filter((c): c is string => c !== undefined))];
    let implicit: LocalConnection | undefined;
    for (const candidate of candidates) {
      if (await isLocalWorkspace(candidate)) {
        implicit = { type: 'local', name: `Local: ${path.basename(root ?? candidate)}`, folder: candidate };
        break;
      }
    }
    for (const w of this.watchers.splice(0)) w.dispose();
    if (!implicit) {
      for (const candidate of candidates) {
        const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(candidate), MANIFEST_FILE), false, true, true);
        watcher.onDidCreate(() => void this.initialize());
        this.watchers.push(watcher);
      }
    }
    const changed = implicit?.folder !== this.implicit?.folder;
    this.implicit = implicit;
    if (changed || !this.statusBar.text) this.changed();
  }

  /** Connections of the setting; mistakes are logged (once each) and the entry skipped. */
  configured(): Connection[] {
    const raw = vscode.workspace.getConfiguration(SECTION).get<unknown>('connections');
    const list = Array.isArray(raw) ? raw : [];
    const context = { workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath };
    const connections: Connection[] = [];
    const problems: string[] = [];
    list.forEach((value, i) => {
      try {
        connections.push(parseConnection(value, `sentinelHunt.connections[${i}]`, context));
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
    });
    const report = problems.join('\n');
    if (report && report !== this.reported) this.log(`Settings: ${report}`);
    this.reported = report;
    return connections;
  }

  all(): Connection[] {
    const byName = new Map<string, Connection>();
    if (this.implicit) byName.set(this.implicit.name, this.implicit);
    for (const c of this.adHoc.values()) byName.set(c.name, c);
    for (const c of this.configured()) byName.set(c.name, c);
    return [...byName.values()];
  }

  find(name: string): Connection | undefined {
    return this.all().find((c) => c.name === name);
  }

  active(): Connection | undefined {
    const name = this.state.get<string>(ACTIVE_KEY);
    return (name !== undefined ? this.find(name) : undefined) ?? this.implicit;
  }

  /** Makes a connection active; `persist` also saves a new one in the setting. */
  async setActive(connection: Connection, options: { persist?: boolean } = {}): Promise<void> {
    const known = this.configured().some((c) => c.name === connection.name);
    if (options.persist && !known) await this.save(connection);
    else if (!known && connection !== this.implicit) this.adHoc.set(connection.name, connection);
    await this.state.update(ACTIVE_KEY, connection.name);
    this.changed();
  }

  dispose(): void {
    for (const d of [...this.disposables.splice(0), ...this.watchers.splice(0)]) d.dispose();
  }

  private async save(connection: Connection): Promise<void> {
    const config = vscode.workspace.getConfiguration(SECTION);
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    const inspected = config.inspect<unknown[]>('connections');
    const current = (target === vscode.ConfigurationTarget.Workspace ? inspected?.workspaceValue : inspected?.globalValue) ?? [];
    const others = (Array.isArray(current) ? current : []).filter((c) => (c as { name?: unknown } | null)?.name !== connection.name);
    await config.update('connections', [...others, connectionSetting(connection)], target);
  }

  private changed(): void {
    const active = this.active();
    if (active) {
      this.statusBar.text = `$(database) ${active.name}`;
      this.statusBar.tooltip = `Sentinel Hunt runs queries on ${describeTarget(active)}. Click to select another connection.`;
    } else {
      this.statusBar.text = '$(database) No connection';
      this.statusBar.tooltip = 'Sentinel Hunt: select where queries run (a local workspace or Log Analytics).';
    }
    this.statusBar.show();
    this.emitter.fire(active);
  }
}
