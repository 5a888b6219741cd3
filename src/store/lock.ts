// One writer at a time per workspace: a lock file created exclusively, holding the owner's
// process id, host and a random token. A lock whose owner is gone (a crashed writer) is
// taken over. Readers never lock: they read the manifest, which is replaced atomically.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { StoreError } from './errors';
import { isCode, readTextIfExists, removeQuietly } from './durable';

export const LOCK_FILE = '.lock';

interface LockOwner {
  pid: number;
  host: string;
  token: string;
  since: string;
}

/** Tokens of the locks this process holds now; a lock file of this process with another token is stale. */
const held = new Set<string>();

export interface WorkspaceLock {
  readonly file: string;
  release(): Promise<void>;
  /** Throws unless the lock file is still this lock's (checked just before publishing). */
  verify(): Promise<void>;
  /** Forgets the lock without removing its file, as a crash would (tests). */
  abandon(): void;
}

export async function acquireLock(dir: string, timeoutMs = 30_000): Promise<WorkspaceLock> {
  const file = path.join(dir, LOCK_FILE);
  const owner: LockOwner = { pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex'), since: new Date().toISOString() };
  const deadline = Date.now() + timeoutMs;
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    held.add(owner.token); // before the file exists: another lock attempt of this process must not judge it stale
    try {
      await fs.writeFile(file, JSON.stringify(owner), { flag: 'wx' });
      return {
        file,
        release: async () => {
          // Remove the file before forgetting the token: until then no lock attempt of this
          // process may judge the file stale.
          const current = await readOwner(file);
          if (current?.token === owner.token) await removeQuietly(file);
          held.delete(owner.token);
        },
        verify: async () => {
          const current = await readOwner(file);
          if (current?.token !== owner.token) {
            throw new StoreError('locked', `${file}: another writer took over this commit's lock (it judged it stale); the commit is abandoned`, file);
          }
        },
        abandon: () => { held.delete(owner.token); },
      };
    } catch (error) {
      held.delete(owner.token);
      if (!isCode(error, 'EEXIST')) throw error;
    }
    const current = await readOwner(file);
    if (current === undefined || isStale(current)) {
      // Remove the stale file only if it is still the one judged stale. (Two processes taking
      // over the same dead writer's lock at the same instant could still both succeed; the
      // verify() before publishing makes the loser abandon its commit.)
      const again = await readOwner(file);
      if (again?.token === current?.token) await removeQuietly(file);
      continue;
    }
    if (Date.now() > deadline) {
      throw new StoreError('locked', `${file}: the workspace is being written by process ${current.pid} on ${current.host} since ${current.since}; if that process is gone, delete this file`, file);
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  const text = await readTextIfExists(file);
  if (text === undefined) return undefined;
  try {
    const owner = JSON.parse(text) as LockOwner;
    if (typeof owner.pid === 'number' && typeof owner.token === 'string') return owner;
  } catch {
    // Being written right now, or cut short by a crash between create and write.
  }
  const mtime = await fs.stat(file).then((s) => s.mtimeMs, () => 0);
  return { pid: -1, host: hostname(), token: `unreadable:${mtime}:${text}`, since: new Date(mtime).toISOString() };
}

function isStale(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false; // cannot tell: wait, then report
  if (owner.pid === process.pid) return !held.has(owner.token);
  if (owner.pid <= 0) return Date.now() - Date.parse(owner.since) > 5_000;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return isCode(error, 'ESRCH');
  }
}
