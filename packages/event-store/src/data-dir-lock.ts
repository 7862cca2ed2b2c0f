import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { ownIdentity, stillRunning, type ProcessIdentity } from './process-identity.ts';

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

type Holder = ProcessIdentity & { nonce: string };

/**
 * The lock file's text: `<pid> <nonce> <startedAt> <bootId>`; a file written
 * before the start time was recorded has only the first two, and its pid alone
 * decides.
 */
function readHolder(lockPath: string): Holder | undefined {
  try {
    const [pid, nonce, startedAt, bootId] = readFileSync(lockPath, 'utf8').trim().split(' ');
    return { pid: Number(pid), nonce: nonce ?? '', startedAt: startedAt || undefined, bootId: bootId || undefined };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Takes `lockPath` for this process: PGlite opens a directory another process
 * holds without complaint and then loses commits, so we refuse instead. The
 * file is created with O_EXCL and names this process by pid, start time and
 * boot id; a lock whose process no longer runs (dead, rebooted, or its pid
 * reused by another process, as in a restarted container) is stale: it is
 * taken over and `onStaleLock` told why. The same process opening the
 * directory twice is refused as well (it still runs).
 */
export function acquireDataDirLock(lockPath: string, onStaleLock: (message: string) => void = () => {}): DataDirLock {
  const nonce = randomUUID();
  const me = ownIdentity();
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      const fd = openSync(lockPath, 'wx', 0o644);
      try {
        writeSync(fd, `${me.pid} ${nonce} ${me.startedAt ?? ''} ${me.bootId ?? ''}\n`);
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
    if (stillRunning(holder)) throw new DataDirLockedError(lockPath, holder.pid);
    // Stale. Re-read just before removing so we do not remove a lock another
    // process has taken over meanwhile.
    if (readHolder(lockPath)?.nonce === holder.nonce) {
      try {
        unlinkSync(lockPath);
        onStaleLock(`taking over the stale lock ${lockPath}: process ${holder.pid} that wrote it no longer runs`);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }
  throw new Error(`could not take the data directory lock ${lockPath}`);
}
