// The Kusto.Language wrapper: the only place (with the engine's front end) that touches
// Bridge objects. Everything it exports is plain TypeScript.
export { KqlLanguageService } from './language-service';
export { splitBlocks, blockAt, type QueryBlock } from './blocks';
export { warmUp, kustoLanguageVersion } from './kusto';
export { builtinSchema, messageTraceTables, PROFILE_NAMES, type ProfileName } from './schemas';
export * from './schema';
export * from './types';
