// "Sentinel Hunt: Select Connection...": pick a saved connection, or add one (a local workspace
// folder, a Log Analytics workspace ID, or a workspace found in the signed-in user's Azure
// subscriptions). New connections are saved in the `sentinelHunt.connections` setting.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ArmClient, type Subscription, type WorkspaceResource } from './arm';
import { describeTarget, isWorkspaceId, type Connection } from './connection';
import type { ConnectionManager } from './connections';
import { isLocalWorkspace } from './local-schema';
import { credentialFor } from './log-analytics-clients';
import { azureSettings } from './settings';

type Item = vscode.QuickPickItem & { run(): Promise<Connection | undefined> };

export async function selectConnection(connections: ConnectionManager): Promise<Connection | undefined> {
  const active = connections.active();
  const saved: Item[] = connections.all().map((c) => ({
    label: `${c.name === active?.name ? '$(check)' : '$(blank)'} ${c.name}`,
    description: c.type === 'local' ? 'local workspace' : 'Log Analytics',
    detail: c.type === 'local' ? c.folder : `workspace ${c.workspaceId}${c.endpoint ? ` at ${c.endpoint}` : ''}`,
    run: async () => c,
  }));
  const add: Item[] = [
    { label: '$(folder) Local workspace folder...', detail: 'A folder with a workspace.json (sentinel-hunt ingest --into DIR, or import)', run: () => addLocal(connections) },
    { label: '$(cloud) Log Analytics workspace ID...', detail: 'Microsoft Sentinel / Log Analytics, by its workspace ID', run: () => addWorkspaceId(connections) },
    { label: '$(azure) Browse Azure subscriptions...', detail: 'Sign in and choose among the Log Analytics workspaces you can see', run: () => browseAzure(connections) },
  ];
  const separator = { label: 'Add a connection', kind: vscode.QuickPickItemKind.Separator } as Item;
  const picked = await vscode.window.showQuickPick<Item>([...saved, ...(saved.length ? [separator] : []), ...add], {
    title: 'Sentinel Hunt: Select Connection',
    placeHolder: active ? `Queries run on ${describeTarget(active)}` : 'Where should queries run?',
    matchOnDetail: true,
  });
  if (!picked) return undefined;
  const connection = await picked.run();
  if (!connection) return undefined;
  await connections.setActive(connection, { persist: !saved.some((s) => s === picked) });
  return connection;
}

async function askName(connections: ConnectionManager, suggestion: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Name of the connection',
    value: suggestion,
    validateInput: (value) => {
      if (value.trim() === '') return 'Give the connection a name';
      return connections.find(value.trim()) ? `A connection named "${value.trim()}" exists; it will be replaced` : undefined;
    },
  }).then((name) => name?.trim());
}

async function addLocal(connections: ConnectionManager): Promise<Connection | undefined> {
  const picked = await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, canSelectMany: false, openLabel: 'Use this workspace', title: 'Local Sentinel Hunt workspace folder' });
  const folder = picked?.[0]?.fsPath;
  if (!folder) return undefined;
  if (!(await isLocalWorkspace(folder))) {
    void vscode.window.showErrorMessage(`${folder} is not a Sentinel Hunt workspace: it has no workspace.json. Create one with "sentinel-hunt ingest --into ${folder}" or "sentinel-hunt import".`);
    return undefined;
  }
  const name = await askName(connections, `Local: ${path.basename(folder)}`);
  return name ? { type: 'local', name, folder } : undefined;
}

async function addWorkspaceId(connections: ConnectionManager): Promise<Connection | undefined> {
  const workspaceId = await vscode.window.showInputBox({
    title: 'Log Analytics workspace ID',
    placeHolder: '00000000-0000-0000-0000-000000000000',
    prompt: "The GUID on the workspace's overview page (Workspace ID), not its name",
    validateInput: (value) => (isWorkspaceId(value) ? undefined : 'A workspace ID is a GUID, e.g. 9b3f0b1e-...'),
  });
  if (!workspaceId) return undefined;
  const name = await askName(connections, `Log Analytics ${workspaceId.trim().slice(0, 8)}`);
  return name ? { type: 'logAnalytics', name, workspaceId: workspaceId.trim() } : undefined;
}

async function browseAzure(connections: ConnectionManager): Promise<Connection | undefined> {
  const settings = azureSettings();
  try {
    const arm = new ArmClient(credentialFor({}, settings, true, 'Azure Resource Manager'), settings.resourceManagerEndpoint);
    const subscriptions = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Listing your Azure subscriptions...' }, () => arm.subscriptions());
    if (subscriptions.length === 0) {
      void vscode.window.showWarningMessage('The signed-in account sees no Azure subscriptions. Sign in with another account, or set sentinelHunt.auth.tenant to the tenant of your subscriptions.');
      return undefined;
    }
    const subscription = await vscode.window.showQuickPick(subscriptions.map((s) => ({ label: s.displayName, description: s.subscriptionId, detail: s.state, subscription: s })), { title: 'Subscription', matchOnDescription: true });
    if (!subscription) return undefined;
    const workspaces = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Listing the Log Analytics workspaces of ${subscription.label}...` }, () => arm.workspaces(subscription.subscription.subscriptionId));
    if (workspaces.length === 0) {
      void vscode.window.showWarningMessage(`Subscription ${subscription.label} has no Log Analytics workspace you can see.`);
      return undefined;
    }
    const workspace = await vscode.window.showQuickPick(workspaces.map((w) => ({ label: w.name, description: `${w.resourceGroup}${w.location ? `, ${w.location}` : ''}`, detail: `workspace ID ${w.customerId}`, workspace: w })), { title: 'Log Analytics workspace', matchOnDescription: true });
    if (!workspace) return undefined;
    const name = await askName(connections, workspace.workspace.name);
    return name ? armConnection(name, workspace.workspace, subscription.subscription) : undefined;
  } catch (error) {
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

function armConnection(name: string, workspace: WorkspaceResource, subscription: Subscription): Connection {
  return { type: 'logAnalytics', name, workspaceId: workspace.customerId, ...(subscription.tenantId ? { tenant: subscription.tenantId } : {}) };
}
