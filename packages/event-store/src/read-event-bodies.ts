import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './database.ts';
import { readAhead } from './read-events.ts';
import { recordedAtIso } from './recorded-at.ts';
import type { StoredEvent } from './stored-event.ts';

/** A stored event without its chain (hash, prev_hash) and schema version: what folding a history into a state reads. */
export type EventBody = Omit<StoredEvent, 'hash' | 'prevHash' | 'schemaVersion'>;

/*
 * The read of `readEvents` without the columns a fold never looks at: the two
 * 64-character hashes are a third of a row's text, and parsing them a fifth
 * of the driver's time per row (measured on the rebuild bench's rows). Rows
 * come as arrays in column order (`:array`, connect.ts): no keyed object per row.
 */
const BODY_COLUMNS = 'position, event_id, type, occurred_at_text, recorded_at::text as recorded_at, client_id, data, personal_ref';
const READ = `/*prepared:read_event_bodies:array*/ select ${BODY_COLUMNS} from events where hall_id = $1 and position > $2 order by position limit $3`;
const READ_THROUGH = `/*prepared:read_event_bodies_through:array*/ select ${BODY_COLUMNS} from events where hall_id = $1 and position > $2 and position <= $3 order by position limit $4`;

type BodyRow = [string, string, string, string, string, string, Record<string, unknown>, string | null];

/** A page of a hall's event bodies, as `readEvents` pages its events. */
export async function readEventBodies(db: Kysely<Database>, hallId: string, opts: { after: number; limit: number; through?: number }): Promise<EventBody[]> {
  const query =
    opts.through === undefined
      ? CompiledQuery.raw(READ, [hallId, opts.after, opts.limit])
      : CompiledQuery.raw(READ_THROUGH, [hallId, opts.after, opts.through, opts.limit]);
  const { rows } = await db.executeQuery<BodyRow>(query);
  const out = new Array<EventBody>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    out[i] = { position: Number(r[0]), id: r[1], type: r[2], occurredAt: r[3], recordedAt: recordedAtIso(r[4]), clientId: r[5], data: r[6], personalRef: r[7] };
  }
  return out;
}

/** `streamEvents` of event bodies: pages of `batchSize` (default 5000), the next read while the consumer folds one. */
export function streamEventBodies(
  db: Kysely<Database>,
  hallId: string,
  opts: { after?: number; through?: number; batchSize?: number } = {},
): AsyncIterable<EventBody[]> {
  const limit = opts.batchSize ?? 5000;
  return readAhead((after) => readEventBodies(db, hallId, { after, limit, through: opts.through }), (e) => e.position, { ...opts, limit });
}
