// What one ingestion run needs: the source, the target, the profile. The prompts (prompts.ts)
// build it; tests and automation pass it to `sentinelHunt.ingest` directly, checked here.
import { INGEST_PROFILES, type IngestProfileName } from '../../../ingest/profiles';
import { isPlainObject } from '../ui/command';

export type SourceKind = 'synthetic' | 'json' | 'csv' | 'graph';
/** How an app registration signs in, or `signin`: the user's own Microsoft account in VS Code. */
export type AppAuthKind = 'secret' | 'certificate' | 'signin';
export type AzureAuthKind = 'signin' | 'app';

export interface AppRegistration {
  auth: AppAuthKind;
  /** Directory (tenant) id or domain. */
  tenant: string;
  /** Application (client) id. */
  clientId: string;
  /** auth 'secret': stored in SecretStorage by the command, then read from there. */
  clientSecret?: string;
  /** auth 'certificate': a PEM file with the certificate and its private key. */
  certificatePath?: string;
}

export type SourceOptions =
  | { kind: 'synthetic'; domains: string[]; days?: number; scenarios?: string[]; seed?: number; rows?: number }
  | { kind: 'json' | 'csv'; files: string[] }
  | { kind: 'graph'; app: AppRegistration; endpoint?: string };

export type TargetOptions =
  | { kind: 'local'; folder?: string }
  | { kind: 'azure'; endpoint: string; dcrImmutableId: string; stream: string; auth?: AzureAuthKind; app?: AppRegistration };

export interface IngestCommandOptions {
  source: SourceOptions;
  target: TargetOptions;
  /** Default classic. */
  profile?: IngestProfileName;
  /** ISO 8601; default: from the last checkpoint (or the synthetic period's start). */
  since?: string;
  until?: string;
  /** e.g. 48h (default: the sentinelHunt.ingest.overlap setting). */
  overlap?: string;
  /** Entra authority for app registrations, e.g. https://login.microsoftonline.us. */
  authorityHost?: string;
}


/** Throws a message naming the first field that is wrong. */
export function checkIngestOptions(options: IngestCommandOptions): void {
  const fail = (message: string): never => {
    throw new Error(`sentinelHunt.ingest options: ${message}`);
  };
  const source = options.source as Partial<SourceOptions> & { kind?: unknown };
  const strings = (value: unknown) => Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v !== '');
  switch (source.kind) {
    case 'synthetic':
      if (!strings((source as { domains?: unknown }).domains)) fail('source.domains must list at least one domain');
      break;
    case 'json': case 'csv':
      if (!strings((source as { files?: unknown }).files)) fail('source.files must list at least one file');
      break;
    case 'graph':
      checkApp((source as { app?: unknown }).app, 'source.app', fail);
      break;
    default:
      fail('source.kind must be synthetic, json, csv or graph');
  }
  const target = options.target as Partial<TargetOptions> & { kind?: unknown };
  if (target.kind === 'azure') {
    for (const field of ['endpoint', 'dcrImmutableId', 'stream'] as const) {
      if (typeof (target as Record<string, unknown>)[field] !== 'string') fail(`target.${field} is required for an Azure target`);
    }
    const azure = target as Extract<TargetOptions, { kind: 'azure' }>;
    if (azure.auth === 'app') checkApp(azure.app ?? (source.kind === 'graph' ? (source as { app: unknown }).app : undefined), 'target.app', fail);
  } else if (target.kind !== 'local') {
    fail('target.kind must be local or azure');
  }
  if (options.profile !== undefined && !INGEST_PROFILES.includes(options.profile)) fail(`profile must be ${INGEST_PROFILES.join(' or ')}`);
}

function checkApp(value: unknown, where: string, fail: (message: string) => never): void {
  if (!isPlainObject(value)) fail(`${where} is required`);
  const app = value as Partial<AppRegistration>;
  if (!['secret', 'certificate', 'signin'].includes(app.auth as string)) fail(`${where}.auth must be secret, certificate or signin`);
  if (!app.tenant) fail(`${where}.tenant is required`);
  if (!app.clientId) fail(`${where}.clientId is required`);
  if (app.auth === 'certificate' && !app.certificatePath) fail(`${where}.certificatePath is required with auth certificate`);
}
