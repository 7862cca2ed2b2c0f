import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

/** Thrown when another live process holds the data directory. */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  constructor(
    readonly lockPath: string,
    readonly pid: number,
  ) {
    super(
      `data directory is in use by process ${pid} (lock file ${lockPath}); ` +
        'stop that process, or delete the lock file if it is not a hall-assessment process',
    );
    Object.setPrototypeOf(this, DataDirLockedError.prototype);
  }
}

export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(lockPath: string): { pid: number; nonce: string } | undefined {
  try {
    const [pid, nonce] = readFileSync(lockPath, 'utf8').trim().split(' ');
    return { pid: Number(pid), nonce: nonce ?? '' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Takes `lockPath` for this process: PGlite opens a directory another process
 * holds without complaint and then loses commits, so we refuse instead. The
 * file is created with O_EXCL and holds `<pid> <nonce>`; a lock whose pid is
 * dead is stale and taken over. The same process opening the directory twice
 * is refused as well (its pid is alive).
 */
export function acquireDataDirLock(lockPath: string): DataDirLock {
  const nonce = randomUUID();
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      const fd = openSync(lockPath, 'wx', 0o644);
      try {
        writeSync(fd, `${process.pid} ${nonce}\n`);
      } finally {
        closeSync(fd);
      }
      return {
        release() {
          // Only remove the file if it is still ours.
          if (readHolder(lockPath)?.nonce === nonce) unlinkSync(lockPath);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(lockPath);
    if (holder === undefined) continue; // released between our open and read
    if (Number.isInteger(holder.pid) && holder.pid > 0 && isAlive(holder.pid)) {
      throw new DataDirLockedError(lockPath, holder.pid);
    }
    // Stale: its process is gone. Re-read just before removing so we do not
    // remove a lock another process has taken over meanwhile.
    if (readHolder(lockPath)?.nonce === holder.nonce) {
      try {
        unlinkSync(lockPath);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }
  throw new Error(`could not take the data directory lock ${lockPath}`);
}
