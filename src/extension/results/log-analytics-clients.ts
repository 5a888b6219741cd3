// One LogAnalyticsClient per connection (its token cache lives in the client's pipeline), with
// the credential the connection and settings call for.
import type { TokenCredential } from '@azure/core-auth';
import { checkTokenVariable, queryAudience, queryEndpoint, type LogAnalyticsConnection } from './connection';
import { environmentTokenCredential, sessionCredential } from './credentials';
import { LogAnalyticsClient } from './log-analytics';
import { azureSettings, type AzureSettings } from './settings';

export interface ConnectedClient {
  client: LogAnalyticsClient;
  endpoint: string;
}

export class LogAnalyticsClients {
  private readonly cache = new Map<string, ConnectedClient>();

  /** `interactive: false` never prompts for sign-in (used when restoring a connection at start-up). */
  get(connection: LogAnalyticsConnection, interactive = true): ConnectedClient {
    const settings = azureSettings();
    const endpoint = queryEndpoint(connection, settings.logAnalyticsEndpoint);
    const key = JSON.stringify([connection, settings, interactive]);
    let entry = this.cache.get(key);
    if (!entry) {
      const credential = credentialFor(connection, settings, interactive);
      entry = { client: new LogAnalyticsClient({ endpoint, audience: queryAudience(endpoint), workspaceId: connection.workspaceId, credential }), endpoint };
      this.cache.set(key, entry);
    }
    return entry;
  }
}

export function credentialFor(connection: Pick<LogAnalyticsConnection, 'tenant' | 'clientId' | 'tokenEnvironmentVariable'>, settings: AzureSettings, interactive: boolean, resource = 'the Log Analytics API'): TokenCredential {
  const variable = connection.tokenEnvironmentVariable ?? settings.tokenEnvironmentVariable;
  if (variable) return environmentTokenCredential(checkTokenVariable(variable, 'sentinelHunt.auth.tokenEnvironmentVariable'));
  return sessionCredential({
    provider: settings.authProvider,
    tenant: connection.tenant ?? settings.tenant,
    clientId: connection.clientId ?? settings.clientId,
    resource,
    interactive,
  });
}
