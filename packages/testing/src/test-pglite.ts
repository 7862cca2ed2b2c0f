import { rmSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { inject } from 'vitest';
import { connect } from '@hall/event-store';
import type { Database, Store } from '@hall/event-store';
import { migratedPgliteDir } from './global-setup.ts';

export interface TestPglite {
  db: Kysely<Database>;
  store: Store;
  dataDir: string;
  /** Closes PGlite and deletes its directory. */
  drop(): Promise<void>;
}

let ownTemplate: Promise<string> | undefined;

/** global-setup's migrated directory, or (outside it) one made once per process. */
function template(): Promise<string> {
  const provided = inject('testPgliteTemplate');
  if (provided) return Promise.resolve(provided);
  ownTemplate ??= migratedPgliteDir().then((dir) => {
    // 'exit' handlers cannot wait for promises: remove synchronously.
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  });
  return ownTemplate;
}

/**
 * An embedded PGlite store in a temporary directory, migrated, as the service
 * runs without DATABASE_URL. Copies a migrated directory rather than running
 * initdb, which takes seconds.
 */
export async function createTestPglite(): Promise<TestPglite> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hall-pglite-'));
  await cp(join(await template(), 'pglite'), join(dataDir, 'pglite'), { recursive: true });
  const store = await connect({ dataDir });
  return {
    db: store.db,
    store,
    dataDir,
    async drop() {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
