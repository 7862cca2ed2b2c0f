import { readFileSync } from 'node:fs';

/**
 * Who holds a lock, precisely enough to survive PID reuse: a pid alone names
 * a different process after a restart (a container's service is PID 1 every
 * time it starts). `startedAt` is the process's start time in clock ticks
 * since boot (`/proc/<pid>/stat`, field 22) and `bootId` the kernel's boot id;
 * both are undefined where `/proc` is missing (macOS), and then the pid alone
 * decides, as before.
 */
export interface ProcessIdentity {
  pid: number;
  startedAt?: string;
  bootId?: string;
}

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Field 22 of /proc/<pid>/stat; the fields after the command name (which may hold spaces) start at field 3. */
export function processStartedAt(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[22 - 3];
}

export function currentBootId(): string | undefined {
  return readProc('/proc/sys/kernel/random/boot_id')?.trim();
}

export function ownIdentity(): ProcessIdentity {
  return { pid: process.pid, startedAt: processStartedAt(process.pid), bootId: currentBootId() };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the process a lock names still runs: not when the machine has
 * rebooted since, not when its pid is gone, and not when that pid now belongs
 * to a process started at another time (a restarted container, a reused pid).
 */
export function stillRunning(holder: ProcessIdentity): boolean {
  if (!Number.isInteger(holder.pid) || holder.pid <= 0) return false;
  const bootId = currentBootId();
  if (holder.bootId !== undefined && bootId !== undefined && holder.bootId !== bootId) return false;
  if (!pidAlive(holder.pid)) return false;
  const startedAt = processStartedAt(holder.pid);
  return holder.startedAt === undefined || startedAt === undefined || holder.startedAt === startedAt;
}
