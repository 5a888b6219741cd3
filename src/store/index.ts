// The local workspace (tables as Parquet files plus a JSON manifest) and file import.
export { LocalWorkspace, COMMIT_STEPS, TABLES_DIR } from './workspace';
export type { Append, Change, CommitStep, NewTable, OpenOptions, TableInfo } from './workspace';
export { MANIFEST_FILE } from './manifest';
export type { Manifest, ManifestColumn, ManifestPart, ManifestTable } from './manifest';
export { LOCK_FILE } from './lock';
export { StoreError, ImportError } from './errors';
export type { StoreErrorCode } from './errors';
export { importFile, importBytes, detectFormat } from './import/import';
export type { ImportFormat, ImportOptions } from './import/import';
export { encodeParquet } from './parquet-write';
export { KUSTO_COLUMNS_KEY, parquetAnnotation } from './parquet-types';
