import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { adminQuery, quoteIdent, urlForDatabase } from '@hall/testing';
import { connect } from './connect.ts';
import { migrateToLatest, migrationsFolder } from './migrate.ts';

describe('migrations (PostgreSQL)', () => {
  it('apply once when two processes start at the same moment', async () => {
    const { adminUrl } = inject('testDatabase');
    const name = `hall_migrate_${randomBytes(5).toString('hex')}`;
    await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(name)}`);
    const a = await connect({ databaseUrl: urlForDatabase(adminUrl, name), dataDir: '' });
    const b = await connect({ databaseUrl: urlForDatabase(adminUrl, name), dataDir: '' });
    try {
      await Promise.all([migrateToLatest(a.db), migrateToLatest(b.db)]);
      const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(a.db);
      const files = readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).sort();
      expect(applied.rows.map((r) => `${r.name}.sql`)).toEqual(files);
      expect(files.slice(0, 2)).toEqual(['0001_event_store.sql', '0002_clients_and_organisation.sql']);
    } finally {
      await a.close();
      await b.close();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    }
  });
});
