// The core's trace source for the chosen options. Modules load on first use, so that activating
// the extension does not load the ingestion stack.
import type { TraceSource, TraceWindow } from '../../../trace/record';
import { appCredential, GRAPH_TRACE_PERMISSION, type CredentialDeps } from '../auth/credentials';
import type { SourceOptions } from './options';

export interface CreatedSource {
  source: TraceSource;
  /** A synthetic source's period: a first run starts there, and `now` is its end. */
  period?: TraceWindow;
  /** For the log: what is read, without credentials. */
  description: string;
}

export async function createSource(options: SourceOptions, deps: CredentialDeps & { graphEndpoint?: string }): Promise<CreatedSource> {
  switch (options.kind) {
    case 'synthetic': {
      const { SyntheticTraceSource } = await import('../../../trace/synthetic');
      const source = new SyntheticTraceSource({
        domains: options.domains,
        days: options.days,
        seed: options.seed,
        scenarios: options.scenarios ?? [],
        rows: options.rows,
        end: startOfUtcDay(new Date()),
      });
      const scenarios = options.scenarios?.length ? `, scenarios ${options.scenarios.join(', ')}` : '';
      return { source, period: source.period, description: `synthetic message trace of ${options.domains.join(', ')} (${options.days ?? 30} days${scenarios})` };
    }
    case 'json': {
      const { JsonTraceSource } = await import('../../../trace/json-source');
      return { source: new JsonTraceSource(options.files), description: `JSON export ${options.files.join(', ')}` };
    }
    case 'csv': {
      const { CsvTraceSource } = await import('../../../trace/csv-source');
      return { source: new CsvTraceSource(options.files), description: `EAC CSV ${options.files.join(', ')}` };
    }
    case 'graph': {
      const { GraphTraceSource, GRAPH_ENDPOINT } = await import('../../../trace/graph');
      const endpoint = options.endpoint || deps.graphEndpoint || GRAPH_ENDPOINT;
      const credential = await appCredential(options.app, {
        purpose: 'read message trace from Microsoft Graph',
        permission: GRAPH_TRACE_PERMISSION,
        delegatedScopes: [`${new URL(endpoint).origin}/${GRAPH_TRACE_PERMISSION}`],
      }, deps);
      const how = options.app.auth === 'signin' ? 'signed-in user' : `app ${options.app.clientId}`;
      return { source: new GraphTraceSource({ credential, endpoint }), description: `Microsoft Graph message trace (${endpoint}, tenant ${options.app.tenant}, ${how})` };
    }
  }
}

function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
