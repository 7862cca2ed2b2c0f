import { readdir, readFile } from 'node:fs/promises';
import { Migrator, sql } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { shippedPath } from './shipped-path.ts';

/** The repository's `migrations/` folder (in a build, the one deployed beside `dist/`). */
export const migrationsFolder = shippedPath('migrations', import.meta.url);

const MIGRATION_FILE = /^\d{4}_[a-z0-9_]+\.sql$/;

/**
 * Reads numbered `.sql` files (`0001_event_store.sql`, …) from a folder; each
 * file is one migration, run as one multi-statement string. Files are
 * append-only: never edit one that has been applied anywhere.
 */
export class SqlFolderMigrationProvider implements MigrationProvider {
  constructor(private readonly folder: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const names = (await readdir(this.folder)).filter((name) => MIGRATION_FILE.test(name)).sort();
    const migrations: Record<string, Migration> = {};
    for (const name of names) {
      const text = await readFile(`${this.folder}/${name}`, 'utf8');
      migrations[name.replace(/\.sql$/, '')] = {
        up: async (db) => {
          await sql.raw(text).execute(db);
        },
      };
    }
    return migrations;
  }
}

/**
 * Applies every pending migration, all in one transaction (PostgreSQL DDL is transactional). Safe when
 * several processes start at once: Kysely's migrator holds an advisory lock.
 * Throws the first failure.
 */
export async function migrateToLatest(db: Kysely<any>, folder: string = migrationsFolder): Promise<void> {
  const migrator = new Migrator({ db, provider: new SqlFolderMigrationProvider(folder) });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(`migration ${failed ?? '(unknown)'} failed`, { cause: error });
  }
}
