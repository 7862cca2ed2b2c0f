import type { Kysely } from 'kysely';
import type { Database } from './database.ts';
import { storedEventColumns, toStoredEvent } from './stored-event.ts';
import type { StoredEvent } from './stored-event.ts';

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
  let query = db
    .selectFrom('events')
    .select(storedEventColumns)
    .where('hall_id', '=', hallId)
    .where('position', '>', String(opts.after));
  if (opts.through !== undefined) query = query.where('position', '<=', String(opts.through));
  const rows = await query.orderBy('position').limit(opts.limit).execute();
  return rows.map(toStoredEvent);
}

/**
 * The history in batches of `batchSize` (default 1000), for replay and export.
 * Pass `through` (e.g. the hall's head) for a fixed end; without it the stream
 * also yields events appended while it runs.
 */
export async function* streamEvents(
  db: Kysely<Database>,
  hallId: string,
  opts: { after?: number; through?: number; batchSize?: number } = {},
): AsyncIterable<StoredEvent[]> {
  const limit = opts.batchSize ?? 1000;
  let after = opts.after ?? 0;
  for (;;) {
    const batch = await readEvents(db, hallId, { after, limit, through: opts.through });
    if (batch.length > 0) yield batch;
    if (batch.length < limit) return;
    after = batch[batch.length - 1].position;
  }
}
