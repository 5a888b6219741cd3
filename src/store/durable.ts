// Durable file operations: write and fsync, fsync a directory, rename over a file.
import { promises as fs } from 'node:fs';

/** Writes `data` to a new file `path` (failing if it exists) and fsyncs it before closing. */
export async function writeFileSynced(path: string, data: Uint8Array | string): Promise<void> {
  const handle = await fs.open(path, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Fsyncs a directory so that the names created or renamed in it survive a power loss.
 * Windows and some file systems cannot open or sync a directory; there the rename is as
 * durable as the platform makes it.
 */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!isCode(error, 'EPERM', 'EISDIR', 'EINVAL', 'ENOTSUP', 'EACCES', 'EBADF')) throw error;
  } finally {
    await handle?.close();
  }
}

/** Renames `from` over `to` (atomic on POSIX; retried on Windows while a reader holds `to`). */
export async function renameOver(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      if (process.platform !== 'win32' || attempt >= 20 || !isCode(error, 'EPERM', 'EBUSY', 'EACCES')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 * (attempt + 1)));
    }
  }
}

/** Removes a file; a file already gone or still held open (Windows) is left for the next time. */
export async function removeQuietly(path: string): Promise<void> {
  try {
    await fs.unlink(path);
  } catch (error) {
    if (!isCode(error, 'ENOENT', 'EPERM', 'EBUSY', 'EACCES')) throw error;
  }
}

export function isCode(error: unknown, ...codes: string[]): boolean {
  return typeof error === 'object' && error !== null && codes.includes((error as NodeJS.ErrnoException).code ?? '');
}

/** The file's text, or undefined when it does not exist. */
export async function readTextIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT')) return undefined;
    throw error;
  }
}
