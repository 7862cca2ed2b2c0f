import pino from 'pino';
import { connect, migrateToLatest, migrationsFolder } from '@hall/event-store';
import { ConfigError, loadConfig } from './config.ts';

/**
 * `pnpm migrate`: applies the pending migrations and exits, so a deployment
 * can migrate once before the API and worker replicas start (the compose
 * file's one-shot `migrate` service). Kysely's migrator holds a PostgreSQL
 * advisory lock while it runs, so replicas started together wait for each
 * other and apply each file once; the service still migrates at start, which
 * is then a no-op.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const log = pino({ level: config.LOG_LEVEL });
  const store = await connect({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, onStaleLock: (message) => log.warn(message) });
  try {
    await migrateToLatest(store.db);
    log.info({ database: store.kind, folder: migrationsFolder }, 'the schema is at the latest migration');
  } finally {
    await store.close();
  }
}

main().catch((err) => {
  process.stderr.write(`migration failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
