// Incremental message trace ingestion: windows, checkpoint + overlap, de-duplication, sinks.
export { runIngestion, IngestError, type IngestOptions, type IngestProgress, type IngestSummary, type IngestCounts } from './run';
export { LocalSink, recordsToTable } from './local-sink';
export { ingestProfile, addressDomain, INGEST_PROFILES, ProfileError, type IngestProfile, type IngestProfileName, type JsonRow } from './profiles';
export type { IngestSink, InFlightResolution, SinkWriteOptions } from './sink';
export { KeySet } from './key-set';
export { emptyState, parseState, rowKey, StateError, type IngestState, type InFlightBatch } from './state';
export { DEFAULT_OVERLAP_MS, parseDuration, runRange, splitRange, WindowError } from './windows';
