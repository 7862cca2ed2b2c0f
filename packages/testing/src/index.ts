export { createTestDatabase } from './test-database.ts';
export type { TestDatabase } from './test-database.ts';
export { createTestPglite } from './test-pglite.ts';
export type { TestPglite } from './test-pglite.ts';
export { testRedisUrl } from './test-redis.ts';
export { adminQuery, findPostgresServer, quoteIdent, urlForDatabase, LOCAL_POSTGRES_URL } from './postgres-server.ts';
export type { TestPostgresServer } from './postgres-server.ts';
export { storeBackends } from './store-backends.ts';
export type { TestStore } from './store-backends.ts';
