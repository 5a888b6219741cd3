import type { WorkspaceSchema } from '../schema';
import { messageTraceTables, PROFILE_NAMES, type ProfileName } from './message-trace';
import { sentinelFunctions } from './sentinel-functions';

export { messageTraceTables, PROFILE_NAMES, type ProfileName } from './message-trace';

/** What the server knows before any workspace is connected (never `complete`). */
export function builtinSchema(profiles: readonly ProfileName[] = PROFILE_NAMES): WorkspaceSchema {
  return {
    tables: profiles.map((profile) => messageTraceTables[profile]),
    functions: sentinelFunctions,
    complete: false,
  };
}
