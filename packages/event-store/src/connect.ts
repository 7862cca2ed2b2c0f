import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { registerCopySource } from './copy-source.ts';

export interface Store {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  /** Ends the pool, closes PGlite and releases the data directory lock. */
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** PostgreSQL URL; unset means embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  /** Holds `pglite/` (the database) and `pglite.lock`; only used without `databaseUrl`. */
  dataDir: string;
  /** Connections to PostgreSQL (default 10). PGlite always has exactly one. */
  poolSize?: number;
  /** Errors of pooled connections, idle or checked out (a restarted server); the next query reconnects. */
  onPoolError?: (error: Error) => void;
  /** Told when a stale data directory lock (its process gone) is taken over; default: a line on stderr. */
  onStaleLock?: (message: string) => void;
}

const DATE_OID = 1082;

const DEFAULT_POOL_SIZE = 10;
/** A server that takes no connection (a network cut that drops packets) fails the query instead of hanging it. */
const CONNECT_TIMEOUT_MS = 10_000;

/** `date` stays `YYYY-MM-DD`: pg's default turns it into local midnight, a timezone trap. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === DATE_OID && format !== 'binary'
      ? (value: string) => value
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Statements whose text starts with `/*prepared:<name>*\/` run as named
 * prepared statements: PostgreSQL parses and plans them once per connection
 * instead of on every call (measured +24–34 % on the append path, 0305).
 * Only the store's fixed hot statements carry the marker; everything else
 * (texts that vary with the number of values) stays unnamed, so a
 * connection's prepared statements stay few. `/*prepared:<name>:array*\/`
 * also returns rows as arrays in column order (pg's `rowMode: 'array'`): no
 * keyed object per row, for the chain walk's reads (0307).
 */
const PREPARED = /^\/\*prepared:([a-z_]+)(:array)?\*\//;

class PreparingClient extends pg.Client {
  // pg's `query` has many overloads; Kysely calls it as (text, values).
  override query(...args: unknown[]): never {
    const [text, values] = args;
    const marker = typeof text === 'string' && args.length <= 2 ? PREPARED.exec(text) : null;
    const call = super.query as (...a: unknown[]) => never;
    if (marker === null) return call.apply(this, args);
    return call.call(this, { name: marker[1], text, values, ...(marker[2] ? { rowMode: 'array' } : {}) });
  }
}

/**
 * The pool's client class, with an `error` listener on every connection.
 * pg-pool listens for `error` only while a client sits idle; a connection
 * reset while one is checked out (mid-transaction between two queries, during
 * a COPY) would otherwise be an unhandled 'error' event that ends the process.
 * The failed query rejects on its own; the pool drops the broken client on
 * release (it is no longer queryable) and the next checkout connects afresh.
 */
function clientReportingTo(onError: (error: Error) => void): typeof PreparingClient {
  return class ReportingClient extends PreparingClient {
    constructor(config?: string | pg.ClientConfig) {
      super(config);
      this.on('error', onError);
    }
  };
}

/**
 * Opens the store: PostgreSQL when `databaseUrl` is set, else PGlite in
 * `dataDir`. Both go through Kysely's PostgresDialect over a `pg.Pool`, so the
 * SQL and the driver's value types are the same on both.
 *
 * PGlite runs one connection: a query on `db` issued while a transaction of
 * the same store is open waits for that transaction, so code inside a
 * transaction must use its `trx`, never `db`.
 *
 * ### Example
 * ```ts
 * const store = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
 * await migrateToLatest(store.db);
 * ```
 */
export async function connect(opts: ConnectOptions): Promise<Store> {
  const onPoolError = opts.onPoolError ?? (() => {});
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? DEFAULT_POOL_SIZE, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, types, Client: clientReportingTo(onPoolError) });
    pool.on('error', onPoolError);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    registerCopySource(db, pool);
    return { db, kind: 'postgres', close: () => db.destroy() };
  }

  mkdirSync(opts.dataDir, { recursive: true });
  const lock = acquireDataDirLock(join(opts.dataDir, 'pglite.lock'), opts.onStaleLock ?? ((message) => process.stderr.write(`${message}\n`)));
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(join(opts.dataDir, 'pglite'));
  } catch (error) {
    lock.release();
    throw error;
  }
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1, types, Client: clientReportingTo(onPoolError) });
  pool.on('error', onPoolError);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    kind: 'pglite',
    async close() {
      if (closed) return;
      closed = true;
      try {
        await db.destroy();
        await pglite.close();
      } finally {
        lock.release();
      }
    },
  };
}
