import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { connect } from './connect.ts';
import { DataDirLockedError } from './data-dir-lock.ts';
import { migrateToLatest } from './migrate.ts';
import { createHall, listHalls } from './halls.ts';

describe('embedded PGlite in a data directory', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hall-connect-'));
  // Start from global-setup's migrated copy: a fresh initdb costs seconds (global-setup itself covers that path).
  cpSync(join(inject('testPgliteTemplate'), 'pglite'), join(dataDir, 'pglite'), { recursive: true });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a second store on a directory a live process holds, naming the pid', async () => {
    const first = await connect({ dataDir });
    try {
      await migrateToLatest(first.db);
      await expect(connect({ dataDir })).rejects.toThrow(DataDirLockedError);
      await expect(connect({ dataDir })).rejects.toThrow(`process ${process.pid}`);
      await createHall(first.db, { hallId: 'h1', name: 'H', timezone: 'Asia/Shanghai', assessmentStartsOn: '2026-01-01', autoAdvance: true }, new Date());
    } finally {
      await first.close();
    }
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(false);

    const second = await connect({ dataDir });
    try {
      expect((await listHalls(second.db)).map((h) => h.hallId)).toEqual(['h1']);
    } finally {
      await second.close();
    }
  });

  it('takes over a lock left by a process that died', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(dataDir, 'pglite.lock'), `${dead.stdout} stale-nonce\n`);
    const store = await connect({ dataDir });
    try {
      expect(store.kind).toBe('pglite');
      expect((await listHalls(store.db)).length).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('runs migrations twice without harm', async () => {
    const store = await connect({ dataDir });
    try {
      await migrateToLatest(store.db);
      await migrateToLatest(store.db);
    } finally {
      await store.close();
    }
  });
});
