import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { connect, migrateToLatest } from '@hall/event-store';
import { adminQuery, findPostgresServer, quoteIdent, urlForDatabase } from './postgres-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by global-setup: the server and the migrated template each test file's database is cloned from. */
    testDatabase: { adminUrl: string; template: string };
    /** Set by global-setup: a migrated PGlite directory createTestPglite() copies (initdb takes seconds). */
    testPgliteTemplate: string;
  }
}

/**
 * vitest globalSetup of the int project: finds or starts PostgreSQL once,
 * migrates a template database once per run, and drops it at the end
 * (immich's medium-test globalSetup). Test files clone it with createTestDatabase().
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [server, pgliteTemplate] = await Promise.all([postgresTemplate(), migratedPgliteDir()]);
  project.provide('testDatabase', { adminUrl: server.adminUrl, template: server.template });
  project.provide('testPgliteTemplate', pgliteTemplate);
  return async () => {
    await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(server.template)} WITH (FORCE)`);
    await server.stop();
    await rm(pgliteTemplate, { recursive: true, force: true });
  };
}

async function postgresTemplate() {
  const server = await findPostgresServer();
  const template = `hall_tpl_${randomBytes(5).toString('hex')}`;
  await adminQuery(server.adminUrl, `CREATE DATABASE ${quoteIdent(template)}`);
  const store = await connect({ databaseUrl: urlForDatabase(server.adminUrl, template), dataDir: '', poolSize: 1 });
  try {
    await migrateToLatest(store.db);
  } finally {
    await store.close();
  }
  return { ...server, template };
}

/** A closed, migrated PGlite data directory (the store's `dataDir`). */
export async function migratedPgliteDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hall-pglite-template-'));
  const store = await connect({ dataDir: dir });
  try {
    await migrateToLatest(store.db);
  } finally {
    await store.close();
  }
  return dir;
}
