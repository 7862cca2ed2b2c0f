import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock.ts';
import { currentBootId, processStartedAt } from './process-identity.ts';

describe('the data directory lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hall-lock-'));
  const lockPath = join(dir, 'pglite.lock');
  // A live process that is not ours to hold the directory: the pid a restarted container or a reused pid would show.
  let other: ChildProcess;
  beforeAll(() => {
    other = spawn('sleep', ['600'], { stdio: 'ignore' });
  });
  afterAll(() => {
    other.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  function takeWithLog(): { release(): void; logged: string[] } {
    const logged: string[] = [];
    const lock = acquireDataDirLock(lockPath, (message) => logged.push(message));
    return { release: () => lock.release(), logged };
  }

  it('refuses a lock its live holder wrote, naming the holder', () => {
    const pid = other.pid as number;
    writeFileSync(lockPath, `${pid} live-nonce ${processStartedAt(pid)} ${currentBootId()}\n`);
    expect(() => acquireDataDirLock(lockPath)).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(lockPath)).toThrow(`process ${pid}`);
    expect(readFileSync(lockPath, 'utf8')).toContain('live-nonce');
    rmSync(lockPath);
  });

  it('takes over, with a log line, a lock whose pid now belongs to another live process', () => {
    const pid = other.pid as number;
    const earlierStart = String(Number(processStartedAt(pid)) - 1);
    writeFileSync(lockPath, `${pid} reused-nonce ${earlierStart} ${currentBootId()}\n`);
    const lock = takeWithLog();
    expect(lock.logged).toEqual([`taking over the stale lock ${lockPath}: process ${pid} that wrote it no longer runs`]);
    expect(readFileSync(lockPath, 'utf8')).toMatch(new RegExp(`^${process.pid} `));
    lock.release();
    expect(existsSync(lockPath)).toBe(false);
  });

  it('takes over its own pid written by an earlier start, as a container restarted as PID 1 finds it', () => {
    writeFileSync(lockPath, `${process.pid} earlier-nonce 1 ${currentBootId()}\n`);
    const lock = takeWithLog();
    expect(lock.logged).toHaveLength(1);
    lock.release();
  });

  it('takes over a lock written before the machine rebooted', () => {
    const pid = other.pid as number;
    writeFileSync(lockPath, `${pid} old-boot-nonce ${processStartedAt(pid)} 00000000-0000-0000-0000-000000000000\n`);
    const lock = takeWithLog();
    expect(lock.logged).toHaveLength(1);
    lock.release();
  });

  it('refuses the same process taking the directory twice', () => {
    const first = acquireDataDirLock(lockPath);
    try {
      expect(() => acquireDataDirLock(lockPath)).toThrow(DataDirLockedError);
    } finally {
      first.release();
    }
  });
});
