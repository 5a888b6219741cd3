// Lists the signed-in user's subscriptions and their Log Analytics workspaces through Azure
// Resource Manager, for "Select Connection...":
//   GET {arm}/subscriptions?api-version=2022-12-01
//   GET {arm}/subscriptions/{id}/providers/Microsoft.OperationalInsights/workspaces?api-version=2023-09-01
import type { TokenCredential } from '@azure/core-auth';
import {
  bearerTokenAuthenticationPolicy, createDefaultHttpClient, createHttpHeaders, createPipelineFromOptions, createPipelineRequest,
  type HttpClient, type Pipeline,
} from '@azure/core-rest-pipeline';
import { httpFailure, redact } from '../../azure/errors';
import { SignInError } from './azure-errors';

export const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';

export interface Subscription {
  subscriptionId: string;
  displayName: string;
  tenantId?: string;
  state?: string;
}

export interface WorkspaceResource {
  name: string;
  /** The workspace ID the query API takes (properties.customerId). */
  customerId: string;
  resourceGroup: string;
  location?: string;
}

interface Page<T> {
  value?: T[];
  nextLink?: string;
}

export class ArmClient {
  private readonly pipeline: Pipeline;
  private readonly http: HttpClient = createDefaultHttpClient();
  private readonly base: string;

  constructor(credential: TokenCredential, endpoint = DEFAULT_ARM_ENDPOINT) {
    this.base = endpoint.trim().replace(/\/+$/, '');
    this.pipeline = createPipelineFromOptions({ retryOptions: { maxRetries: 2 } });
    this.pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential, scopes: `${new URL(this.base).origin}/.default` }));
  }

  async subscriptions(): Promise<Subscription[]> {
    const raw = await this.list<{ subscriptionId?: string; displayName?: string; tenantId?: string; state?: string }>(`${this.base}/subscriptions?api-version=2022-12-01`, 'list your subscriptions');
    return raw
      .filter((s) => typeof s.subscriptionId === 'string')
      .map((s) => ({ subscriptionId: s.subscriptionId as string, displayName: s.displayName ?? (s.subscriptionId as string), tenantId: s.tenantId, state: s.state }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  async workspaces(subscriptionId: string): Promise<WorkspaceResource[]> {
    const url = `${this.base}/subscriptions/${encodeURIComponent(subscriptionId)}/providers/Microsoft.OperationalInsights/workspaces?api-version=2023-09-01`;
    const raw = await this.list<{ id?: string; name?: string; location?: string; properties?: { customerId?: string } }>(url, `list the Log Analytics workspaces of subscription ${subscriptionId}`);
    return raw
      .filter((w) => typeof w.name === 'string' && typeof w.properties?.customerId === 'string')
      .map((w) => ({
        name: w.name as string,
        customerId: w.properties?.customerId as string,
        resourceGroup: /\/resourceGroups\/([^/]+)/i.exec(w.id ?? '')?.[1] ?? '',
        location: w.location,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  private async list<T>(first: string, what: string): Promise<T[]> {
    const items: T[] = [];
    let url: string | undefined = first;
    for (let page = 0; url && page < 100; page++) {
      const body: Page<T> = await this.get<Page<T>>(url, what);
      items.push(...(body.value ?? []));
      url = body.nextLink;
    }
    return items;
  }

  private async get<T>(url: string, what: string): Promise<T> {
    const request = createPipelineRequest({ url, method: 'GET', headers: createHttpHeaders({ accept: 'application/json' }) });
    let response;
    try {
      response = await this.pipeline.sendRequest(this.http, request);
    } catch (error) {
      if (error instanceof SignInError) throw error;
      const failure = httpFailure(error);
      throw new Error(`Could not reach Azure Resource Manager at ${this.base} to ${what} (${failure.code ?? 'network error'}): ${redact(failure.message)}`);
    }
    let body: { error?: { code?: string; message?: string } } & T;
    try {
      body = JSON.parse(response.bodyAsText ?? '{}') as typeof body;
    } catch {
      body = {} as typeof body;
    }
    if (response.status === 200) return body;
    const said = body.error ? `${body.error.code ?? 'Error'}: ${body.error.message ?? ''}` : `HTTP ${response.status}`;
    if (response.status === 401) throw new Error(`Azure Resource Manager did not accept the sign-in token (401) to ${what}; set sentinelHunt.auth.tenant to the tenant of your subscriptions. ${redact(said)}`);
    if (response.status === 403) throw new Error(`You may not ${what} (403): this needs the Reader role on the subscription (or on the workspaces' resource groups). ${redact(said)}`);
    throw new Error(`Azure Resource Manager could not ${what} (HTTP ${response.status}): ${redact(said)}`);
  }
}
