// Runs hunt templates on the embedded engine over a table source (the local workspace): the
// shared step of `hunt --all`, the demo and the tests that check what hunts find. Not exported
// from index.ts: the extension host imports the templates but must not load the engine, whose
// front end is Kusto.Language.
import { runQuery, type QueryResult, type TableSource } from '../engine';
import type { WorkspaceSchema } from '../kql/schema';
import { HUNT_TEMPLATES } from './registry';
import { renderHunt, type RenderedHunt } from './render';
import type { HuntTemplate } from './template';
import type { ProfileName } from './profiles';

export interface HuntRun {
  template: HuntTemplate;
  rendered: RenderedHunt;
  result?: QueryResult;
  /** Why the hunt could not run (a KQL or engine error), when it could not. */
  error?: string;
  ms: number;
}

export interface RunHuntsOptions {
  profile: ProfileName;
  domains: readonly string[];
  /** now() for every hunt, microseconds since the epoch. */
  now: number;
  /** Default: every template that renders for the profile. */
  templates?: readonly HuntTemplate[];
}

/** Each template in turn; a hunt that fails is reported in its run, the others still run. */
export async function runHunts(source: TableSource & { schema: WorkspaceSchema }, options: RunHuntsOptions): Promise<HuntRun[]> {
  const templates = (options.templates ?? HUNT_TEMPLATES).filter((t) => t.profiles.includes(options.profile));
  const runs: HuntRun[] = [];
  for (const template of templates) {
    const rendered = renderHunt(template, { profile: options.profile, domains: options.domains });
    const started = performance.now();
    try {
      const result = await runQuery(rendered.query, source.schema, source, { now: options.now });
      runs.push({ template, rendered, result: { table: result.table, visualization: result.visualization }, ms: performance.now() - started });
    } catch (error) {
      runs.push({ template, rendered, error: (error as Error).message, ms: performance.now() - started });
    }
  }
  return runs;
}
