import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import type { AppendedEvent } from './append-types.ts';

/** Column list of the events jsonb recordset (shared by both write statements). */
const EVENT_RECORD = sql.raw(`u(position bigint, event_id text, type text, occurred_at_text text, recorded_at text, client_id text,
  schema_version integer, data text, personal_ref text, content_hash text, hash text, prev_hash text)`);

/**
 * One jsonb parameter per table: the statement text is the same for 1 or
 * 1000 events (so it can be a prepared statement) and PostgreSQL's
 * 65535-parameter limit never applies.
 */
function writeParameters(appended: AppendedEvent[]): { rows: string; contacts: string; head: AppendedEvent } {
  const rows = JSON.stringify(
    appended.map((e) => ({
      position: e.position,
      event_id: e.id,
      type: e.type,
      occurred_at_text: e.occurredAt,
      recorded_at: e.recordedAt,
      client_id: e.clientId,
      schema_version: e.schemaVersion,
      // The canonical text itself, a JSON string: stored byte for byte in the json column (0307).
      data: e.dataText,
      personal_ref: e.personalRef,
      content_hash: e.contentHash,
      hash: e.hash,
      prev_hash: e.prevHash,
    })),
  );
  const contacts = JSON.stringify(appended.filter((e) => e.contact !== undefined).map((e) => ({ event_id: e.id, contact: e.contact })));
  return { rows, contacts, head: appended[appended.length - 1] };
}

/**
 * Step 5 under the lock {@link readHall} took: one round trip for the events,
 * their contacts and the new head. Data-modifying CTEs run to completion
 * whether or not the outer statement reads them, and the personal_data →
 * events foreign key, checked at the end of the statement, sees the events
 * inserted beside it.
 */
export async function writeEvents(trx: Kysely<Database>, hallId: string, appended: AppendedEvent[]): Promise<void> {
  const { rows, contacts, head } = writeParameters(appended);
  await sql`/*prepared:append_write*/
    with inserted as (
      insert into events (hall_id, position, event_id, type, occurred_at, occurred_at_text, recorded_at, client_id,
        schema_version, data, personal_ref, content_hash, hash, prev_hash)
      select ${hallId}::text, u.position, u.event_id, u.type, u.occurred_at_text::timestamptz, u.occurred_at_text,
        u.recorded_at::timestamptz, u.client_id, u.schema_version, u.data::json, u.personal_ref, u.content_hash, u.hash, u.prev_hash
      from jsonb_to_recordset(${rows}::jsonb) as ${EVENT_RECORD}
    ), contacts as (
      insert into personal_data (hall_id, event_id, contact)
      select ${hallId}::text, p.event_id, p.contact from jsonb_to_recordset(${contacts}::jsonb) as p(event_id text, contact text)
    )
    update halls set head_position = ${head.position}::bigint, head_hash = ${head.hash}::text where hall_id = ${hallId}::text`.execute(trx);
}

/**
 * Step 5 without a lock: moves the head only if it is still exactly
 * `expected` (compare-and-set under the row lock the UPDATE takes, held to
 * the statement's commit) and inserts the events only if it did. Returns
 * false when the head had moved; a unique violation (an id stored meanwhile)
 * undoes the statement as a whole and is thrown to the caller.
 */
export async function writeEventsIfHead(
  db: Kysely<Database>,
  hallId: string,
  appended: AppendedEvent[],
  expected: { headPosition: number; headHash: string },
): Promise<boolean> {
  const { rows, contacts, head } = writeParameters(appended);
  const result = await sql<{ moved: string }>`/*prepared:append_if_head*/
    with head as (
      update halls set head_position = ${head.position}::bigint, head_hash = ${head.hash}::text
      where hall_id = ${hallId}::text and head_position = ${expected.headPosition}::bigint and head_hash = ${expected.headHash}::text
      returning hall_id
    ), inserted as (
      insert into events (hall_id, position, event_id, type, occurred_at, occurred_at_text, recorded_at, client_id,
        schema_version, data, personal_ref, content_hash, hash, prev_hash)
      select ${hallId}::text, u.position, u.event_id, u.type, u.occurred_at_text::timestamptz, u.occurred_at_text,
        u.recorded_at::timestamptz, u.client_id, u.schema_version, u.data::json, u.personal_ref, u.content_hash, u.hash, u.prev_hash
      from jsonb_to_recordset(${rows}::jsonb) as ${EVENT_RECORD}
      where exists (select from head)
    ), contacts as (
      insert into personal_data (hall_id, event_id, contact)
      select ${hallId}::text, p.event_id, p.contact from jsonb_to_recordset(${contacts}::jsonb) as p(event_id text, contact text)
      where exists (select from head)
    )
    select count(*) as moved from head`.execute(db);
  return Number(result.rows[0]?.moved) === 1;
}
