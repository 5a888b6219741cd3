// The local workspace: a folder of tables that the embedded engine reads and the ingestion
// pipeline appends to.
//
//   <dir>/workspace.json                 the manifest (manifest.ts): tables, columns, part files, state
//   <dir>/tables/<Table>/part-*.parquet  the rows, one Parquet file per committed append
//   <dir>/.lock                          present while a commit runs (lock.ts)
//
// A commit writes each new part under a temporary name, fsyncs it, renames it into place,
// fsyncs the folder, then writes the new manifest to a temporary file, fsyncs it and renames
// it over the old one, and fsyncs the workspace folder. A crash at any point leaves the old
// manifest or the new one; part files that no manifest lists are ignored by readers and
// removed by the next commit.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Table } from '../engine/data/table';
import { KUSTO_TYPES, type ColumnSchema, type WorkspaceSchema } from '../kql/schema';
import { isCode, readTextIfExists, removeQuietly, renameOver, syncDirectory, writeFileSynced } from './durable';
import { StoreError, errorMessage } from './errors';
import { acquireLock } from './lock';
import {
  MANIFEST_FILE, emptyManifest, manifestColumns, parseManifest, serializeManifest,
  type Manifest, type ManifestTable,
} from './manifest';
import { TableAssembler, exactBuffer } from './parquet-read';
import { encodeParquet } from './parquet-write';

export const TABLES_DIR = 'tables';

export interface TableInfo {
  name: string;
  columns: ColumnSchema[];
  rowCount: number;
  /** Number of Parquet part files. */
  parts: number;
  bytes: number;
}

/** The points of a commit, in order, at which `onCommitStep` is called. */
export const COMMIT_STEPS = ['locked', 'part-written', 'part-renamed', 'parts-synced', 'manifest-written', 'manifest-renamed', 'committed'] as const;
export type CommitStep = (typeof COMMIT_STEPS)[number];

export interface OpenOptions {
  /** Create the workspace (folder and empty manifest) if there is none. */
  create?: boolean;
  /** How long a commit waits for another writer's lock (default 30 s). */
  lockTimeoutMs?: number;
  /**
   * Called at each step of a commit (tests). A hook that throws simulates a crash there: the
   * commit stops without tidying up or unlocking, as a killed process would.
   */
  onCommitStep?: (step: CommitStep, file?: string) => void | Promise<void>;
}

export interface NewTable {
  name: string;
  columns: ColumnSchema[];
}

export interface Append {
  table: string;
  data: Table;
}

/** One atomic change: all of it is visible after the commit, or none of it. */
export interface Change {
  /** Tables to create (a table that exists with the same columns is left as it is). */
  create?: NewTable[];
  /** Rows to append; the data's columns must be the table's, by name and type, in any order. */
  appends?: Append[];
  /** New ingestion state (any JSON); undefined leaves it unchanged. */
  state?: unknown;
}

interface InternalChange extends Change {
  /** Tables whose parts to rewrite as one. */
  compact?: string[];
}

export class LocalWorkspace {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly dir: string, private manifest: Manifest, private readonly options: OpenOptions) {}

  static async open(dir: string, options: OpenOptions = {}): Promise<LocalWorkspace> {
    const root = path.resolve(dir);
    const file = path.join(root, MANIFEST_FILE);
    let manifest = await loadManifest(file);
    if (!manifest) {
      if (!options.create) {
        const exists = await fs.stat(root).then((s) => s.isDirectory(), () => false);
        throw new StoreError('not-a-workspace', exists
          ? `${root} is not a Sentinel Hunt workspace: it has no ${MANIFEST_FILE}`
          : `${root} does not exist`, file);
      }
      await fs.mkdir(path.join(root, TABLES_DIR), { recursive: true });
      const lock = await acquireLock(root, options.lockTimeoutMs);
      try {
        manifest = await loadManifest(file);
        if (!manifest) {
          manifest = emptyManifest();
          await writeManifest(root, manifest);
        }
      } finally {
        await lock.release();
      }
    }
    return new LocalWorkspace(root, manifest, options);
  }

  /** Incremented by every commit; tells whether `refresh` found a newer manifest. */
  get generation(): number {
    return this.manifest.generation;
  }

  tables(): TableInfo[] {
    return this.manifest.tables.map(info);
  }

  table(name: string): TableInfo {
    return info(this.find(this.manifest, name));
  }

  /** The workspace's schema for the KQL analyzer: every table, complete. */
  schema(): WorkspaceSchema {
    return {
      tables: this.manifest.tables.map((t) => ({ name: t.name, columns: t.columns.map(({ name, type }) => ({ name, type })) })),
      functions: [],
      complete: true,
    };
  }

  /** The ingestion state of the last commit (a copy), or null. */
  state(): unknown {
    return structuredClone(this.manifest.state);
  }

  /** Reloads the manifest if another writer committed; true when it changed. */
  async refresh(): Promise<boolean> {
    const manifest = await loadManifest(path.join(this.dir, MANIFEST_FILE));
    if (!manifest) throw new StoreError('not-a-workspace', `${path.join(this.dir, MANIFEST_FILE)} has disappeared`);
    const changed = manifest.generation !== this.manifest.generation;
    this.manifest = manifest;
    return changed;
  }

  /** All rows of a table (or of the named columns), as of the manifest this object holds. */
  async read(name: string, options: { columns?: string[] } = {}): Promise<Table> {
    for (let attempt = 0; ; attempt++) {
      const table = this.find(this.manifest, name);
      const columns = options.columns === undefined ? table.columns : options.columns.map((c) => {
        const column = table.columns.find((tc) => tc.name === c);
        if (!column) throw new StoreError('unknown-table', `table ${name} has no column ${c} (columns: ${table.columns.map((tc) => tc.name).join(', ')})`);
        return column;
      });
      try {
        return await this.readParts(table, columns);
      } catch (error) {
        // A compaction elsewhere removed a part of the manifest we hold: read the newer one.
        if (!(error instanceof MissingPart)) throw error;
        if (attempt >= 3 || !(await this.refresh())) {
          throw new StoreError('corrupt-part', `${error.file}: part file of table ${name} listed in ${MANIFEST_FILE} is missing`, error.file);
        }
      }
    }
  }

  async createTable(name: string, columns: ColumnSchema[]): Promise<void> {
    await this.commit({ create: [{ name, columns }] });
  }

  /** Applies a change atomically (see Change). Commits of one workspace object run one at a time. */
  commit(change: Change): Promise<void> {
    return this.enqueue(() => this.commitNow(change));
  }

  /** Rewrites a table's part files as one file. */
  compact(name: string): Promise<void> {
    return this.enqueue(() => this.commitNow({ compact: [name] }));
  }

  private enqueue(run: () => Promise<void>): Promise<void> {
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async commitNow(change: InternalChange): Promise<void> {
    const state = change.state === undefined ? undefined : jsonCopy(change.state);
    const lock = await acquireLock(this.dir, this.options.lockTimeoutMs);
    const written: string[] = [];
    let crashed = false;
    let committed = false;
    const step = async (name: CommitStep, file?: string): Promise<void> => {
      if (!this.options.onCommitStep) return;
      try {
        await this.options.onCommitStep(name, file);
      } catch (error) {
        crashed = true;
        lock.abandon();
        throw error;
      }
    };
    try {
      await step('locked');
      const current = await loadManifest(path.join(this.dir, MANIFEST_FILE));
      if (!current) throw new StoreError('not-a-workspace', `${path.join(this.dir, MANIFEST_FILE)} has disappeared`);
      await this.removeStrays(current);
      const { next, appends, newDirectories, obsolete } = await this.plan(current, change, state);
      if (appends.length === 0 && newDirectories.length === 0 && obsolete.length === 0 && state === undefined) {
        this.manifest = current; // nothing to change (tables that exist already, empty appends)
        return;
      }

      // Encode everything first: invalid data fails before a byte is written.
      const encoded = appends.map(({ table, data }) => ({ table, rows: data.rowCount, bytes: encodeParquet(data, `table ${table.name}`) }));

      for (const directory of newDirectories) await fs.mkdir(path.join(this.dir, directory), { recursive: true });
      if (newDirectories.length > 0) {
        await syncDirectory(path.join(this.dir, TABLES_DIR));
        await syncDirectory(this.dir);
      }
      const touched = new Set<string>();
      for (const [k, part] of encoded.entries()) {
        const name = `part-${String(next.generation).padStart(6, '0')}-${k}-${randomBytes(4).toString('hex')}.parquet`;
        const relative = `${part.table.directory}/${name}`;
        const final = path.join(this.dir, relative);
        const temp = `${final}.tmp`;
        written.push(temp);
        await writeFileSynced(temp, part.bytes);
        await step('part-written', temp);
        await renameOver(temp, final);
        written.push(final);
        await step('part-renamed', final);
        part.table.parts.push({ file: relative, rows: part.rows, bytes: part.bytes.byteLength });
        touched.add(path.dirname(final));
      }
      for (const directory of touched) await syncDirectory(directory);
      await step('parts-synced');

      const temp = path.join(this.dir, `${MANIFEST_FILE}.${randomBytes(4).toString('hex')}.tmp`);
      written.push(temp);
      await writeFileSynced(temp, serializeManifest(next));
      await step('manifest-written', temp);
      await lock.verify();
      await renameOver(temp, path.join(this.dir, MANIFEST_FILE));
      committed = true;
      this.manifest = next;
      await step('manifest-renamed');
      await syncDirectory(this.dir);
      await step('committed');
      for (const file of obsolete) await removeQuietly(path.join(this.dir, file));
    } catch (error) {
      if (!crashed && !committed) {
        for (const file of written.reverse()) await removeQuietly(file).catch(() => undefined);
      }
      throw error;
    } finally {
      if (!crashed) await lock.release();
    }
  }

  /** The manifest after `change`, and the data to write. Throws before any write on a bad change. */
  private async plan(current: Manifest, change: InternalChange, state: unknown) {
    const next: Manifest = structuredClone(current);
    next.generation = current.generation + 1;
    next.updated = new Date().toISOString();
    const newDirectories: string[] = [];
    const obsolete: string[] = [];
    for (const create of change.create ?? []) {
      checkNewTable(create);
      const existing = next.tables.find((t) => t.name === create.name);
      if (existing) {
        const same = existing.columns.length === create.columns.length
          && existing.columns.every((c, i) => c.name === create.columns[i].name && c.type === create.columns[i].type);
        if (!same) {
          throw new StoreError('table-exists', `cannot create table ${create.name}: it exists with other columns (${describeColumns(existing.columns)}; asked for ${describeColumns(create.columns)})`);
        }
        continue;
      }
      const directory = tableDirectory(create.name, next.tables);
      next.tables.push({ name: create.name, directory, columns: manifestColumns(create.columns), parts: [] });
      newDirectories.push(directory);
    }
    const appends: { table: ManifestTable; data: Table }[] = [];
    for (const append of change.appends ?? []) {
      const table = this.find(next, append.table);
      const data = conform(table, append.data);
      if (data.rowCount > 0) appends.push({ table, data });
    }
    for (const name of change.compact ?? []) {
      const table = this.find(next, name);
      if (table.parts.length <= 1) continue;
      const data = await this.readParts(table, table.columns);
      obsolete.push(...table.parts.map((p) => p.file));
      table.parts = [];
      if (data.rowCount > 0) appends.push({ table, data });
    }
    if (state !== undefined) next.state = state;
    return { next, appends, newDirectories, obsolete };
  }

  private async readParts(table: ManifestTable, columns: readonly ColumnSchema[]): Promise<Table> {
    const rowCount = table.parts.reduce((sum, p) => sum + p.rows, 0);
    const assembler = new TableAssembler(columns.map(({ name, type }) => ({ name, type })), rowCount);
    const load = (file: string): Promise<Uint8Array> => {
      const promise = fs.readFile(path.join(this.dir, file)).catch((error: unknown) => {
        throw isCode(error, 'ENOENT') ? new MissingPart(path.join(this.dir, file)) : error;
      });
      promise.catch(() => undefined); // awaited below; a prefetch left behind must not be unhandled
      return promise;
    };
    let next = table.parts.length > 0 ? load(table.parts[0].file) : undefined;
    for (let i = 0; i < table.parts.length; i++) {
      const bytes = await next!;
      next = i + 1 < table.parts.length ? load(table.parts[i + 1].file) : undefined;
      await assembler.add(exactBuffer(bytes), path.join(this.dir, table.parts[i].file), table.parts[i].rows);
    }
    return assembler.finish();
  }

  /** Removes part and manifest files that `manifest` does not list (left by a crashed commit). */
  private async removeStrays(manifest: Manifest): Promise<void> {
    for (const entry of await fs.readdir(this.dir)) {
      if (entry.startsWith(`${MANIFEST_FILE}.`) && entry.endsWith('.tmp')) await removeQuietly(path.join(this.dir, entry));
    }
    const listed = new Set(manifest.tables.flatMap((t) => t.parts.map((p) => path.join(this.dir, p.file))));
    const tableDirs = new Set(manifest.tables.map((t) => path.join(this.dir, t.directory)));
    const tablesRoot = path.join(this.dir, TABLES_DIR);
    const dirs = await fs.readdir(tablesRoot, { withFileTypes: true }).catch(() => []);
    for (const dir of dirs) {
      if (!dir.isDirectory()) continue;
      const full = path.join(tablesRoot, dir.name);
      for (const entry of await fs.readdir(full)) {
        const file = path.join(full, entry);
        if (/^part-.*\.parquet(\.tmp)?$/.test(entry) && !listed.has(file)) await removeQuietly(file);
      }
      if (!tableDirs.has(full)) await fs.rmdir(full).catch(() => undefined);
    }
  }

  private find(manifest: Manifest, name: string): ManifestTable {
    const table = manifest.tables.find((t) => t.name === name);
    if (table) return table;
    const names = manifest.tables.map((t) => t.name);
    const near = names.find((n) => n.toLowerCase() === name.toLowerCase());
    const known = names.length > 0 ? `known tables: ${names.join(', ')}` : 'the workspace has no tables yet';
    throw new StoreError('unknown-table', `unknown table '${name}' in workspace ${this.dir}${near ? ` (did you mean '${near}'?)` : ''}; ${known}`);
  }
}

class MissingPart extends Error {
  constructor(readonly file: string) {
    super(`${file} is missing`);
  }
}

async function loadManifest(file: string): Promise<Manifest | undefined> {
  const text = await readTextIfExists(file);
  if (text === undefined) return undefined;
  return parseManifest(text, file);
}

async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  const temp = path.join(dir, `${MANIFEST_FILE}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFileSynced(temp, serializeManifest(manifest));
  await renameOver(temp, path.join(dir, MANIFEST_FILE));
  await syncDirectory(dir);
}

function info(table: ManifestTable): TableInfo {
  return {
    name: table.name,
    columns: table.columns.map(({ name, type }) => ({ name, type })),
    rowCount: table.parts.reduce((sum, p) => sum + p.rows, 0),
    parts: table.parts.length,
    bytes: table.parts.reduce((sum, p) => sum + p.bytes, 0),
  };
}

/** The data's columns in the table's order; a missing, extra or differently typed column is an error. */
function conform(table: ManifestTable, data: Table): Table {
  const where = `cannot append to table ${table.name}`;
  for (const name of data.names) {
    if (!table.columns.some((c) => c.name === name)) {
      throw new StoreError('schema-mismatch', `${where}: the table has no column ${name} (columns: ${describeColumns(table.columns)})`);
    }
  }
  const columns = table.columns.map((c) => {
    const column = data.column(c.name);
    if (!column) throw new StoreError('schema-mismatch', `${where}: the data has no column ${c.name} (${c.type})`);
    if (column.type !== c.type) {
      throw new StoreError('schema-mismatch', `${where}: column ${c.name} is ${c.type} in the table but ${column.type} in the data`);
    }
    return column;
  });
  return new Table(table.columns.map((c) => c.name), columns, data.rowCount);
}

function checkNewTable(table: NewTable): void {
  checkName(table.name, 'table name');
  if (!Array.isArray(table.columns) || table.columns.length === 0) throw new StoreError('invalid-data', `table ${table.name}: a table needs at least one column`);
  const seen = new Set<string>();
  for (const column of table.columns) {
    checkName(column.name, `column name in table ${table.name}`);
    if (seen.has(column.name)) throw new StoreError('invalid-data', `table ${table.name}: column ${column.name} is listed twice`);
    seen.add(column.name);
    if (!(KUSTO_TYPES as readonly string[]).includes(column.type)) {
      throw new StoreError('invalid-data', `table ${table.name}: column ${column.name} has type ${JSON.stringify(column.type)}; expected one of ${KUSTO_TYPES.join(', ')}`);
    }
  }
}

function checkName(name: unknown, what: string): void {
  // eslint-disable-next-line no-control-regex
  if (typeof name !== 'string' || name.trim() === '' || name.length > 1024 || /[\u0000-\u001f]/.test(name)) {
    throw new StoreError('invalid-data', `invalid ${what}: ${JSON.stringify(name)}`);
  }
}

/** A folder for a new table: its name made safe for any file system, unique ignoring case. */
function tableDirectory(name: string, tables: readonly ManifestTable[]): string {
  let safe = name.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^\.+/, '_').slice(0, 100);
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(safe)) safe = `_${safe}`;
  const taken = new Set(tables.map((t) => t.directory.toLowerCase()));
  let directory = `${TABLES_DIR}/${safe}`;
  for (let n = 2; taken.has(directory.toLowerCase()); n++) directory = `${TABLES_DIR}/${safe}-${n}`;
  return directory;
}

function describeColumns(columns: readonly ColumnSchema[]): string {
  return columns.map((c) => `${c.name}:${c.type}`).join(', ');
}

/** A JSON copy of the state, as it will read back from the manifest. */
function jsonCopy(state: unknown): unknown {
  let text: string | undefined;
  try {
    text = JSON.stringify(state);
  } catch (error) {
    throw new StoreError('invalid-state', `the ingestion state is not JSON: ${errorMessage(error)}`);
  }
  if (text === undefined) throw new StoreError('invalid-state', 'the ingestion state is not JSON');
  return JSON.parse(text);
}
