// The Azure sink's ingestion state on disk (format: state-journal.ts): the snapshot FILE,
// replaced atomically (temp file, fsync, rename, fsync of the folder) so that a crash leaves
// either the old or the new one, and the journal FILE.journal beside it, appended to and
// fsynced one line at a time. The journal stays open between appends until a snapshot or
// release() (the sink releases it at the end of each write).
import type { FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { IngestState } from '../ingest/state';
import { isCode, readTextIfExists, removeQuietly, renameOver, syncDirectory, writeFileSynced } from '../store/durable';
import { journalHeader, journalLine, parseStateFiles, snapshotBytes, type JournalEntry } from './state-journal';

export class StateFile {
  readonly journal: string;
  /** The generation of the snapshot on disk, once this object has read or written it. */
  private generation?: string;
  /** Whether the journal on disk is the snapshot's (else the next append starts it afresh). */
  private journalCurrent = false;
  /** Bytes in the snapshot's journal. */
  private journalLength = 0;
  private handle?: FileHandle;

  constructor(readonly file: string) {
    this.journal = `${file}.journal`;
  }

  /** Bytes in the journal of the snapshot on disk (0 until read or appended to). */
  get journalBytes(): number {
    return this.journalCurrent ? this.journalLength : 0;
  }

  /** Whether append() can record a step (a snapshot this object knows is on disk). */
  get ready(): boolean {
    return this.generation !== undefined;
  }

  /** The state (the snapshot with its journal replayed), or undefined when there is none. */
  async read(): Promise<IngestState | undefined> {
    await this.release();
    this.generation = undefined;
    this.journalCurrent = false;
    const snapshot = await readTextIfExists(this.file);
    if (snapshot === undefined) return undefined;
    const journal = await readIfExists(this.journal);
    const parsed = parseStateFiles(snapshot, journal, this.file);
    this.generation = parsed.generation;
    if (parsed.journalBytes !== undefined) {
      // Cut a torn last line off now, or the next append would continue it.
      if (journal !== undefined && parsed.journalBytes < journal.length) await fs.truncate(this.journal, parsed.journalBytes);
      this.journalCurrent = true;
      this.journalLength = parsed.journalBytes;
    }
    return parsed.state;
  }

  /** Writes `state` as a new snapshot, leaving out of its keys those in `without` (rows not accepted yet); its journal starts empty. */
  async write(state: IngestState, without: ReadonlySet<string> = new Set()): Promise<void> {
    await this.release();
    const dir = path.dirname(path.resolve(this.file));
    await fs.mkdir(dir, { recursive: true });
    const generation = randomBytes(6).toString('hex');
    const temp = path.join(dir, `.${path.basename(this.file)}.${generation}.tmp`);
    try {
      await writeFileSynced(temp, snapshotBytes(state, state.keys.packedBytes(without), generation));
      await renameOver(temp, this.file);
    } catch (error) {
      await removeQuietly(temp);
      throw error;
    }
    await syncDirectory(dir);
    this.generation = generation;
    this.journalCurrent = false;
    // The journal is the older snapshot's now (ignored on read): empty it rather than keep a
    // window's worth of requests on disk until the next append starts it over.
    await truncateIfExists(this.journal);
  }

  /** Appends one step to the snapshot's journal, durably. `payload`: see journalLine. */
  async append(entry: JournalEntry, payload?: Buffer): Promise<void> {
    if (this.generation === undefined) throw new Error(`${this.file}: no snapshot to journal against; write() one first`);
    const line = journalLine(entry, payload);
    if (this.journalCurrent) {
      this.handle ??= await fs.open(this.journal, 'a');
      this.journalLength += await writeAll(this.handle, line);
      await this.handle.datasync();
      return;
    }
    // A new journal, or one left from an older snapshot: start it over.
    const created = !(await exists(this.journal));
    this.handle = await fs.open(this.journal, 'w');
    this.journalLength = await writeAll(this.handle, [journalHeader(this.generation), ...line]);
    await this.handle.datasync();
    if (created) await syncDirectory(path.dirname(path.resolve(this.journal)));
    this.journalCurrent = true;
  }

  /** Closes the journal (the next append opens it again). */
  async release(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }
}

/** Writes `buffers` one after the other; the bytes written. */
async function writeAll(handle: FileHandle, buffers: Buffer[]): Promise<number> {
  const total = buffers.reduce((sum, buffer) => sum + buffer.length, 0);
  let { bytesWritten } = await handle.writev(buffers);
  // writev may write less than asked (as write may): write the rest.
  while (bytesWritten < total) {
    const rest = Buffer.concat(buffers).subarray(bytesWritten);
    bytesWritten += (await handle.write(rest)).bytesWritten;
  }
  return total;
}

async function truncateIfExists(file: string): Promise<void> {
  try {
    await fs.truncate(file, 0);
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error;
  }
}

async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return undefined;
    throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.stat(file);
    return true;
  } catch (error) {
    if (isCode(error, 'ENOENT')) return false;
    throw error;
  }
}
