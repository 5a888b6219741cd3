// Asks how to sign in to Microsoft Graph or Azure: the user's own account in VS Code, or an app
// registration with a client secret (kept in SecretStorage) or a certificate file. Tenant and
// client id come from the settings or the last answers.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AppAuthKind, AppRegistration } from '../ingest/options';
import type { Memory } from '../state/memory';
import type { ClientSecrets } from '../state/secrets';
import { readSettings } from '../state/settings';
import { askText, pickOne, PromptCancelled, rememberedFirst } from '../ui/prompts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TENANT = /^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/;

export async function promptAppRegistration(title: string, permission: string, memory: Memory, secrets: ClientSecrets): Promise<AppRegistration> {
  const settings = readSettings();
  const last = memory.getGlobal('appRegistration');
  const auth = await pickOne<AppAuthKind>(title, rememberedFirst<AppAuthKind>([
    { label: '$(account) Sign in with your Microsoft account', detail: `Delegated: your account needs ${permission}; uses your app registration's client id`, value: 'signin' },
    { label: '$(key) App registration with a client secret', detail: 'The secret is kept in VS Code\'s secret storage, never in settings', value: 'secret' },
    { label: '$(file-binary) App registration with a certificate', detail: 'A PEM file with the certificate and its private key', value: 'certificate' },
  ], last?.auth), 'How to sign in');
  const tenant = await askText({
    title,
    prompt: 'Directory (tenant) id or domain, e.g. contoso.onmicrosoft.com',
    value: settings.graphTenant || last?.tenant,
    validate: (text) => (TENANT.test(text.trim()) ? undefined : 'a tenant id (GUID) or a domain such as contoso.onmicrosoft.com'),
  });
  const clientId = await askText({
    title,
    prompt: `Application (client) id of the app registration${auth === 'signin' ? ' you sign in through (delegated permission ' + permission + ')' : ` (application permission ${permission})`}`,
    value: settings.graphClientId || last?.clientId,
    validate: (text) => (GUID.test(text.trim()) ? undefined : 'the application (client) id is a GUID'),
  });
  const app: AppRegistration = { auth, tenant, clientId };
  if (auth === 'secret') {
    const stored = await secrets.has(tenant, clientId);
    const fresh = !stored || await pickOne(title, [
      { label: 'Use the stored client secret', value: false },
      { label: 'Enter a new client secret', value: true },
    ]);
    if (fresh) {
      app.clientSecret = await askText({
        title, prompt: `Client secret of app ${clientId} (kept in VS Code's secret storage)`, password: true,
        validate: (text) => (text.trim() === '' ? 'the client secret value (not its id)' : undefined),
      });
    }
  } else if (auth === 'certificate') {
    const files = await vscode.window.showOpenDialog({
      title: `${title}: certificate (PEM with private key)`,
      canSelectMany: false,
      filters: { 'PEM certificate': ['pem'], 'All files': ['*'] },
      defaultUri: last?.certificatePath ? vscode.Uri.file(path.dirname(last.certificatePath)) : undefined,
    });
    if (!files?.[0]) throw new PromptCancelled();
    app.certificatePath = files[0].fsPath;
  }
  await memory.setGlobal('appRegistration', { auth, tenant, clientId, certificatePath: app.certificatePath ?? last?.certificatePath });
  return app;
}
