// App registration client secrets, in VS Code's SecretStorage (the OS keychain on the desktop),
// keyed by tenant and client id. Never in settings, workspace state, logs or messages.
import type * as vscode from 'vscode';
import type { HuntingLog } from '../ui/log';

export class ClientSecrets {
  constructor(private readonly storage: vscode.SecretStorage, private readonly log: HuntingLog) {}

  private static key(tenant: string, clientId: string): string {
    return `sentinelHunt.clientSecret/${tenant.trim().toLowerCase()}/${clientId.trim().toLowerCase()}`;
  }

  async get(tenant: string, clientId: string): Promise<string | undefined> {
    const secret = await this.storage.get(ClientSecrets.key(tenant, clientId));
    if (secret) this.log.addSecret(secret);
    return secret || undefined;
  }

  async store(tenant: string, clientId: string, secret: string): Promise<void> {
    this.log.addSecret(secret);
    await this.storage.store(ClientSecrets.key(tenant, clientId), secret);
  }

  async delete(tenant: string, clientId: string): Promise<void> {
    await this.storage.delete(ClientSecrets.key(tenant, clientId));
  }

  async has(tenant: string, clientId: string): Promise<boolean> {
    return (await this.get(tenant, clientId)) !== undefined;
  }
}
