/**
 * One writer per output directory: `--watch` and a manual build, or two terminals, must not swap out/
 * at the same time, and recovery must not delete the staging directory of a build that is running.
 * The lock is a sibling file holding the owner's pid; a lock whose process is gone (killed, crashed)
 * is taken over.
 */
import { lstatSync, readFileSync } from 'node:fs';
import { link, open, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { visibleText } from '../errors/visible-text.js';
import { emitError, errorCode } from './fs-errors.js';

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errorCode(error) === 'EPERM';
  }
}

/**
 * Creates the lock with its content in one step (write a private file, hard-link it into place), so
 * nobody ever reads a lock without a pid. File systems without hard links fall back to O_EXCL.
 */
async function tryCreate(lockPath: string): Promise<boolean> {
  const content = `${process.pid}\n`;
  const privateFile = `${lockPath}.${process.pid}`;
  try {
    // Exclusive create never follows a symlink left (or planted) under this name; the leftover of an
    // earlier process with our pid is removed first (unlink removes a link, not its target).
    await unlink(privateFile).catch((error: unknown) => {
      if (errorCode(error) !== 'ENOENT') throw error;
    });
    await writeFile(privateFile, content, { flag: 'wx' });
    try {
      await link(privateFile, lockPath);
      return true;
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return false;
      if (!['EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP'].includes(errorCode(error) ?? '')) throw error;
    } finally {
      await unlink(privateFile).catch(() => undefined);
    }
    const handle = await open(lockPath, 'wx');
    try {
      await handle.writeFile(content);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Locks this process holds. A lock naming our own pid that is not in here was left by an earlier
 * process that had the same pid (containers restart with the same pids): it is stale.
 */
const heldLocks = new Set<string>();

/** The pid a lock names, NaN when it names none (half written) or does not exist (`exists` false). */
function lockOwner(lockPath: string): { exists: boolean; owner: number } {
  const stats = lstatSync(lockPath, { throwIfNoEntry: false });
  if (stats !== undefined && !stats.isFile()) {
    const what = stats.isDirectory() ? 'a directory' : stats.isSymbolicLink() ? 'a symbolic link' : 'not a regular file';
    throw emitError('RG632', lockPath, `The lock ${visibleText(lockPath)} is ${what}: rivven-gitops creates it as a small file holding its pid, so something else left it there. The output directory was left as it was.`);
  }
  try {
    return { exists: true, owner: Number.parseInt(readFileSync(lockPath, 'utf8'), 10) };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { exists: false, owner: Number.NaN };
    throw error;
  }
}

function heldByOther(lockPath: string, owner: number): boolean {
  const ours = owner === process.pid;
  return Number.isInteger(owner) && owner > 0 && (ours ? heldLocks.has(lockPath) : isProcessAlive(owner));
}

/**
 * A lock left by a build that died (after its swap, say): even a build with nothing to write takes it
 * over and removes it, so no stray lock file lingers beside out/ (and in `git status`).
 */
export function isStaleLock(lockPath: string): boolean {
  const { exists, owner } = lockOwner(lockPath);
  return exists && !heldByOther(lockPath, owner);
}

/** Takes the lock or throws RG616; returns the release function. */
export async function acquireLock(lockPath: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    let created: boolean;
    try {
      created = await tryCreate(lockPath);
    } catch (error) {
      if (!['EACCES', 'EPERM', 'EROFS'].includes(errorCode(error) ?? '')) throw error;
      const parent = path.dirname(lockPath);
      throw emitError('RG612', parent, `Cannot create files in ${parent} (${errorCode(error) ?? ''}): rivven-gitops writes the new tree next to the output directory and swaps it in, so it needs write access there. Nothing was changed.`);
    }
    if (created) {
      heldLocks.add(lockPath);
      return async () => {
        heldLocks.delete(lockPath);
        await unlink(lockPath).catch((error: unknown) => {
          if (errorCode(error) !== 'ENOENT') throw error;
        });
      };
    }
    const { exists, owner } = lockOwner(lockPath);
    if (!exists) continue;
    // A half-written lock (the owner died between create and write) has no pid: stale too.
    if (heldByOther(lockPath, owner)) {
      const who = owner === process.pid ? 'Another build in this process' : `Another rivven-gitops process (pid ${owner})`;
      throw emitError('RG616', lockPath, `${who} is writing this output directory (lock ${lockPath}).`);
    }
    await unlink(lockPath).catch((error: unknown) => {
      if (errorCode(error) !== 'ENOENT') throw error;
    });
  }
  throw emitError('RG616', lockPath, `Could not take the lock ${lockPath}: other processes keep taking it.`);
}
