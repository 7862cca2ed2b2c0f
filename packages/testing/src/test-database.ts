import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { inject } from 'vitest';
import { connect, migrateToLatest } from '@hall/event-store';
import type { Database, Store } from '@hall/event-store';
import { adminQuery, findPostgresServer, quoteIdent, urlForDatabase } from './postgres-server.ts';

export interface TestDatabase {
  db: Kysely<Database>;
  store: Store;
  /** URL of this file's own database (for child processes). */
  url: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

async function createFromTemplate(adminUrl: string, name: string, template: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`);
      return;
    } catch (error) {
      // Two files cloning at the same instant can see each other on the template.
      if (attempt >= 10 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * (attempt + 1)));
    }
  }
}

/**
 * A fresh, migrated PostgreSQL database for one test file, cloned from the
 * template global-setup migrated once. Outside that setup (a script, another
 * runner) it finds the server itself and migrates the new database.
 *
 * ### Example
 * ```ts
 * let t: TestDatabase;
 * beforeAll(async () => { t = await createTestDatabase(); });
 * afterAll(() => t.drop());
 * ```
 */
export async function createTestDatabase(opts: { poolSize?: number } = {}): Promise<TestDatabase> {
  const provided = inject('testDatabase');
  const server = provided ? undefined : await findPostgresServer();
  const adminUrl = provided?.adminUrl ?? (server as { adminUrl: string }).adminUrl;
  const name = `hall_test_${randomBytes(6).toString('hex')}`;
  if (provided) await createFromTemplate(adminUrl, name, provided.template);
  else await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(name)}`);

  const url = urlForDatabase(adminUrl, name);
  const store = await connect({ databaseUrl: url, dataDir: '', poolSize: opts.poolSize ?? 10 });
  if (!provided) await migrateToLatest(store.db);
  return {
    db: store.db,
    store,
    url,
    async drop() {
      await store.close();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      await server?.stop();
    },
  };
}
