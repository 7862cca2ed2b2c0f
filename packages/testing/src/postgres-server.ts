import pg from 'pg';

export const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** A PostgreSQL server for tests: its URL, and how to stop it if we started it. */
export interface TestPostgresServer {
  adminUrl: string;
  source: 'env' | 'local' | 'testcontainers';
  stop(): Promise<void>;
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Finds a server in habit-9 order: `TEST_DATABASE_URL` / `DATABASE_URL`, then
 * PostgreSQL on 127.0.0.1:5432, then a throw-away container (needs Docker).
 * The URL's database is only used to run CREATE/DROP DATABASE.
 */
export async function findPostgresServer(): Promise<TestPostgresServer> {
  const fromEnv = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (fromEnv) return { adminUrl: fromEnv, source: 'env', stop: async () => {} };
  if (await reachable(LOCAL_POSTGRES_URL)) return { adminUrl: LOCAL_POSTGRES_URL, source: 'local', stop: async () => {} };

  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('postgres:15-alpine')
    .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust', POSTGRES_DB: 'test' })
    .withExposedPorts(5432)
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  return {
    adminUrl: `postgres://postgres@${container.getHost()}:${container.getMappedPort(5432)}/test`,
    source: 'testcontainers',
    stop: async () => {
      await container.stop();
    },
  };
}

/** The same server URL with another database name. */
export function urlForDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs one statement on the admin database (CREATE/DROP DATABASE cannot run in a transaction). */
export async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
