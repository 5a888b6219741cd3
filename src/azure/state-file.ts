// The Azure sink's ingestion state on disk: one JSON file, replaced atomically (temp file,
// fsync, rename, fsync of the folder) so that a crash leaves either the old or the new state.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseState, StateError, type IngestState } from '../ingest/state';
import { readTextIfExists, removeQuietly, renameOver, syncDirectory, writeFileSynced } from '../store/durable';

export class StateFile {
  constructor(readonly file: string) {}

  /** The state, or undefined when the file does not exist. */
  async read(): Promise<IngestState | undefined> {
    const text = await readTextIfExists(this.file);
    if (text === undefined) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new StateError(`${this.file}: the ingestion state is not valid (not JSON); move it aside to start over from --since`);
    }
    return parseState(value, this.file);
  }

  /** Writes `state`, leaving out of its keys those in `without` (rows not accepted yet). */
  async write(state: IngestState, without: ReadonlySet<string> = new Set()): Promise<void> {
    const dir = path.dirname(path.resolve(this.file));
    await fs.mkdir(dir, { recursive: true });
    const temp = path.join(dir, `.${path.basename(this.file)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFileSynced(temp, `${JSON.stringify({ ...state, keys: state.keys.pack(without) })}\n`);
      await renameOver(temp, this.file);
    } catch (error) {
      await removeQuietly(temp);
      throw error;
    }
    await syncDirectory(dir);
  }
}
