// Deploys an ARM template to a resource group through Azure Resource Manager:
//   PUT {arm}/subscriptions/{sub}/resourcegroups/{rg}/providers/Microsoft.Resources/deployments/{name}
// then polls the deployment until it succeeds or fails, and returns its outputs.
import type { TokenCredential } from '@azure/core-auth';
import {
  bearerTokenAuthenticationPolicy, createDefaultHttpClient, createHttpHeaders, createPipelineFromOptions, createPipelineRequest,
  type HttpClient, type Pipeline, type PipelineResponse,
} from '@azure/core-rest-pipeline';
import { AzureError, httpFailure, redact } from './errors';
import { sleep } from './retry';
import { API_VERSIONS, type ArmTemplate } from './setup-template';

export const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';

export interface ArmDeploymentOptions {
  subscriptionId: string;
  resourceGroup: string;
  deploymentName: string;
  template: ArmTemplate;
  /** Template parameter values by name (wrapped in { value } here). */
  parameters: Record<string, unknown>;
  credential: TokenCredential;
  /** Resource Manager endpoint; default https://management.azure.com (sovereign clouds, tests). */
  armEndpoint?: string;
  /** Wait between polls when Resource Manager does not say (Retry-After); default 5 s. */
  pollIntervalMs?: number;
  /** Give up waiting after this long (the deployment goes on); default 30 min. */
  timeoutMs?: number;
  /** Retries of a request that failed with 429, 5xx or a dropped connection; default 3. */
  maxRetries?: number;
  signal?: AbortSignal;
  /** Each provisioning state seen: Accepted, Running, Succeeded ... */
  onProgress?: (provisioningState: string) => void;
}

export interface ArmDeploymentResult {
  id: string;
  provisioningState: 'Succeeded';
  /** Output values by name. */
  outputs: Record<string, unknown>;
}

interface DeploymentBody {
  id?: string;
  properties?: {
    provisioningState?: string;
    outputs?: Record<string, { value?: unknown }>;
    error?: ArmErrorDetail;
  };
}

interface ArmErrorDetail {
  code?: string;
  message?: string;
  details?: ArmErrorDetail[];
}

const TERMINAL = new Set(['Succeeded', 'Failed', 'Canceled']);

export async function deployArmTemplate(options: ArmDeploymentOptions): Promise<ArmDeploymentResult> {
  checkNames(options);
  const arm = (options.armEndpoint ?? DEFAULT_ARM_ENDPOINT).replace(/\/+$/, '');
  const url = `${arm}/subscriptions/${encodeURIComponent(options.subscriptionId)}/resourcegroups/${encodeURIComponent(options.resourceGroup)}`
    + `/providers/Microsoft.Resources/deployments/${encodeURIComponent(options.deploymentName)}?api-version=${API_VERSIONS.deployments}`;
  const pipeline = createPipelineFromOptions({ retryOptions: { maxRetries: options.maxRetries ?? 3 } });
  pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential: options.credential, scopes: `${new URL(arm).origin}/.default` }));
  const client = createDefaultHttpClient();

  const parameters = Object.fromEntries(Object.entries(options.parameters).map(([name, value]) => [name, { value }]));
  const body = { properties: { mode: 'Incremental', template: options.template, parameters } };
  let response = await send(pipeline, client, url, 'PUT', options.signal, JSON.stringify(body));
  let deployment = answer(response, options);
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  for (;;) {
    const state = deployment.properties?.provisioningState ?? 'Unknown';
    options.onProgress?.(state);
    if (TERMINAL.has(state)) break;
    if (Date.now() > deadline) {
      throw new AzureError(`deployment ${options.deploymentName} is still ${state} after ${Math.round((options.timeoutMs ?? 30 * 60_000) / 1000)} s; follow it in the portal (resource group ${options.resourceGroup}, Deployments)`, 'server');
    }
    await sleep(retryAfter(response) ?? options.pollIntervalMs ?? 5000, options.signal);
    response = await send(pipeline, client, url, 'GET', options.signal);
    deployment = answer(response, options);
  }
  const state = deployment.properties?.provisioningState;
  if (state !== 'Succeeded') {
    const why = deployment.properties?.error ? describe(deployment.properties.error) : 'no error was reported';
    throw new AzureError(`deployment ${options.deploymentName} ${state === 'Canceled' ? 'was canceled' : 'failed'}: ${why}`, 'server');
  }
  const outputs = Object.fromEntries(Object.entries(deployment.properties?.outputs ?? {}).map(([name, output]) => [name, output.value]));
  return { id: deployment.id ?? '', provisioningState: 'Succeeded', outputs };
}

async function send(pipeline: Pipeline, client: HttpClient, url: string, method: 'PUT' | 'GET', signal?: AbortSignal, body?: string): Promise<PipelineResponse> {
  const request = createPipelineRequest({
    url, method, body, abortSignal: signal,
    headers: createHttpHeaders({ accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) }),
  });
  try {
    return await pipeline.sendRequest(client, request);
  } catch (error) {
    if (signal?.aborted) throw error;
    const failure = httpFailure(error);
    throw new AzureError(`could not reach Azure Resource Manager at ${new URL(url).origin} (${failure.code ?? 'network error'}): ${failure.message}`, 'network');
  }
}

/** The deployment in a 200/201 answer; an AzureError naming what to fix for any other. */
function answer(response: PipelineResponse, options: ArmDeploymentOptions): DeploymentBody {
  let body: { error?: ArmErrorDetail } & DeploymentBody = {};
  try {
    body = response.bodyAsText ? (JSON.parse(response.bodyAsText) as typeof body) : {};
  } catch {
    // Not JSON: the status says enough.
  }
  if (response.status === 200 || response.status === 201) return body;
  const why = body.error ? describe(body.error) : `HTTP ${response.status}`;
  const where = `resource group ${options.resourceGroup} of subscription ${options.subscriptionId}`;
  switch (response.status) {
    case 401:
      return fail(`Azure Resource Manager refused the token (401): sign in to the tenant of subscription ${options.subscriptionId}. ${why}`, 'unauthorized', 401);
    case 403:
      return fail(`Azure Resource Manager refused the deployment (403): creating the table and the data collection rule needs Log Analytics Contributor and Monitoring Contributor (or Contributor) on ${where}, and the role assignment needs Owner, User Access Administrator or Role Based Access Control Administrator. ${why}`, 'forbidden', 403);
    case 404:
      return fail(`Azure Resource Manager found no ${where} (404): check --subscription and --resource-group. ${why}`, 'not-found', 404);
    default:
      return fail(`Azure Resource Manager rejected the deployment (HTTP ${response.status}): ${why}`, response.status === 400 ? 'bad-request' : 'server', response.status);
  }
}

function fail(message: string, kind: ConstructorParameters<typeof AzureError>[1], status: number): never {
  throw new AzureError(message, kind, status);
}

/** An ARM error with its nested details, one clause each. */
function describe(error: ArmErrorDetail): string {
  const parts: string[] = [];
  const walk = (e: ArmErrorDetail): void => {
    if (e.code || e.message) parts.push(`${e.code ?? 'Error'}: ${e.message ?? ''}`.trim());
    for (const detail of e.details ?? []) walk(detail);
  };
  walk(error);
  return redact([...new Set(parts)].join('; '));
}

function retryAfter(response: PipelineResponse): number | undefined {
  const header = response.headers.get('retry-after');
  return header !== undefined && /^\d+$/.test(header.trim()) ? Number(header) * 1000 : undefined;
}

function checkNames(options: ArmDeploymentOptions): void {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(options.subscriptionId)) {
    throw new AzureError(`the subscription id is a GUID, not ${JSON.stringify(options.subscriptionId)}`, 'config');
  }
  if (!/^[-\w.()]{1,90}$/.test(options.resourceGroup) || options.resourceGroup.endsWith('.')) {
    throw new AzureError(`${JSON.stringify(options.resourceGroup)} is not a resource group name (letters, digits, - _ . ( ), at most 90)`, 'config');
  }
  if (!/^[-\w.()]{1,64}$/.test(options.deploymentName)) {
    throw new AzureError(`${JSON.stringify(options.deploymentName)} is not a deployment name (letters, digits, - _ . ( ), at most 64)`, 'config');
  }
}
