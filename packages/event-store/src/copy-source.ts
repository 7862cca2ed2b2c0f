import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Database } from './database.ts';

/**
 * The pg pools behind the PostgreSQL stores this process opened, by their
 * Kysely handle. Bulk reads that PostgreSQL's COPY serves far faster than
 * rows (the chain walk, 0307) need a raw connection, which Kysely does not
 * hand out; a transaction's `trx` or a PGlite store is not here, and those
 * callers read rows instead.
 */
const pools = new WeakMap<Kysely<Database>, pg.Pool>();

export function registerCopySource(db: Kysely<Database>, pool: pg.Pool): void {
  pools.set(db, pool);
}

export function copySourceOf(db: Kysely<Database>): pg.Pool | undefined {
  return pools.get(db);
}
