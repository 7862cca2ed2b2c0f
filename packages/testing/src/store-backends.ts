import type { Kysely } from 'kysely';
import type { Database, Store } from '@hall/event-store';
import { createTestDatabase } from './test-database.ts';
import { createTestPglite } from './test-pglite.ts';

export interface TestStore {
  db: Kysely<Database>;
  store: Store;
  drop(): Promise<void>;
}

/**
 * Both back ends the service runs on, for `describe.each(storeBackends)`: the
 * store must behave the same on PostgreSQL and on embedded PGlite.
 */
export const storeBackends: Array<{ backend: 'postgres' | 'pglite'; create: () => Promise<TestStore> }> = [
  { backend: 'postgres', create: () => createTestDatabase() },
  { backend: 'pglite', create: () => createTestPglite() },
];
