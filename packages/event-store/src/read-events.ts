import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './database.ts';
import { recordedAtIso } from './recorded-at.ts';
import type { StoredEvent } from './stored-event.ts';

/**
 * The read of a page: fixed statement texts (no query building per page) that
 * run as named prepared statements (the `/*prepared:…*\/` marker, see
 * connect.ts), so PostgreSQL parses and plans them once per connection.
 * `recorded_at` comes as text and is turned into the ISO string the hash
 * covers without building a Date (recorded-at.ts). 0306.
 */
export const COLUMNS =
  'position, event_id, type, occurred_at_text, recorded_at::text as recorded_at, client_id, schema_version, data, personal_ref, hash, prev_hash';
const READ = `/*prepared:read_events*/ select ${COLUMNS} from events where hall_id = $1 and position > $2 order by position limit $3`;
const READ_THROUGH = `/*prepared:read_events_through*/ select ${COLUMNS} from events where hall_id = $1 and position > $2 and position <= $3 order by position limit $4`;

/** A row read with `COLUMNS`. */
export interface EventRowText {
  position: string;
  event_id: string;
  type: string;
  occurred_at_text: string;
  recorded_at: string;
  client_id: string;
  schema_version: number;
  data: Record<string, unknown>;
  personal_ref: string | null;
  hash: string;
  prev_hash: string;
}

/**
 * A page of a hall's history: positions after `after` (exclusive) up to
 * `through` (inclusive, if given), at most `limit`, in order. Positions are
 * committed in order under the hall's lock, so paging by position never skips
 * an event that commits later.
 */
export async function readEvents(
  db: Kysely<Database>,
  hallId: string,
  opts: { after: number; limit: number; through?: number },
): Promise<StoredEvent[]> {
  const query =
    opts.through === undefined
      ? CompiledQuery.raw(READ, [hallId, opts.after, opts.limit])
      : CompiledQuery.raw(READ_THROUGH, [hallId, opts.after, opts.through, opts.limit]);
  const { rows } = await db.executeQuery<EventRowText>(query);
  return rows.map(toEvent);
}

/**
 * The history in batches of `batchSize` (default 5000), for replay and export.
 * Pass `through` (e.g. the hall's head) for a fixed end; without it the stream
 * also yields events appended while it runs. The next batch is read while the
 * consumer works on the current one, so at most two batches are in memory.
 */
export function streamEvents(
  db: Kysely<Database>,
  hallId: string,
  opts: { after?: number; through?: number; batchSize?: number } = {},
): AsyncIterable<StoredEvent[]> {
  const limit = opts.batchSize ?? 5000;
  return readAhead((after) => readEvents(db, hallId, { after, limit, through: opts.through }), (e) => e.position, { ...opts, limit });
}

/**
 * Keyset pages of `limit` from `read(after)`, each page's read started while
 * the consumer works on the previous one (at most two pages in memory). Stops
 * at a short page or at `through`.
 */
export async function* readAhead<T>(
  read: (after: number) => Promise<T[]>,
  positionOf: (row: T) => number,
  opts: { after?: number; through?: number; limit: number },
): AsyncIterable<T[]> {
  let next: Promise<T[]> | undefined = read(opts.after ?? 0);
  try {
    while (next) {
      const batch: T[] = await next;
      next = undefined;
      const last = batch.length === opts.limit ? positionOf(batch[batch.length - 1]!) : undefined;
      if (last !== undefined && (opts.through === undefined || last < opts.through)) next = read(last);
      if (batch.length > 0) yield batch;
    }
  } finally {
    // The consumer stopped early: the read ahead is not wanted, but must not reject unhandled.
    await next?.catch(() => undefined);
  }
}

/** A row read with `COLUMNS` as the store returns it. */
export function toEvent(row: EventRowText): StoredEvent {
  return {
    position: Number(row.position),
    id: row.event_id,
    type: row.type,
    occurredAt: row.occurred_at_text,
    recordedAt: recordedAtIso(row.recorded_at),
    clientId: row.client_id,
    schemaVersion: row.schema_version,
    data: row.data,
    personalRef: row.personal_ref,
    hash: row.hash,
    prevHash: row.prev_hash,
  };
}
