import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { fingerprintOf } from '../content-fingerprint.ts';
import type { ReferenceIds } from '../unknown-references.ts';
import { knownEntitiesSql } from '../unknown-references.ts';
import type { HallHead, StoredIds } from './append-types.ts';
import { appendLockExclusive } from './hall-append-lock.ts';

export interface HallRead extends HallHead {
  stored: StoredIds;
}

/**
 * One round trip: takes the hall's append lock exclusively (1821) and then
 * its row lock (both held to commit) and reads its head, the
 * given ids already stored and which referenced organisation entities exist
 * (the inputs of steps 2 and 3, set-based: one `= any(array)` per table).
 *
 * Under READ COMMITTED the lock returns the newest row version after waiting
 * for a previous holder, but the rest of the statement reads the snapshot
 * taken before that wait and would miss what the previous holder committed.
 * The statement therefore also reads the head from its snapshot: if the two
 * differ, it runs again, and the second run (the lock already held, nothing
 * can commit in between) sees everything. Within this process appends of a
 * hall are already serial (group commit), so the rerun is rare: mostly after
 * waiting for another process's pipelined statements.
 */
export async function readHall(trx: Kysely<Database>, hallId: string, ids: string[], refIds: ReferenceIds): Promise<HallRead | undefined> {
  for (;;) {
    const { rows } = await sql<{
      head_position: string;
      snapshot_head: string;
      head_hash: string;
      contact_salt: string;
      stored: Array<[string, number, string | null, string, string, string, string | null]>;
      known: string[];
    }>`/*prepared:append_read_hall*/
      with append_lock as (select ${appendLockExclusive(hallId)}), locked as (
        select h.head_position, h.head_hash, h.contact_salt from halls h, append_lock where h.hall_id = ${hallId} for update of h
      )
      select l.head_position, l.head_hash, l.contact_salt,
        (select head_position from halls where hall_id = ${hallId}) as snapshot_head,
        (select coalesce(json_agg(json_build_array(event_id, position, content_hash, type, occurred_at_text, data::text, personal_ref)), '[]')
           from events where hall_id = ${hallId} and event_id = any(${ids}::text[])) as stored,
        ${knownEntitiesSql(hallId, refIds)} as known
      from locked l`.execute(trx);
    const row = rows[0];
    if (!row) return undefined;
    if (row.snapshot_head !== row.head_position) continue;
    return {
      headPosition: Number(row.head_position),
      headHash: row.head_hash,
      contactSalt: row.contact_salt,
      // Rows since migration 0024 store no fingerprint: it is made from the row's own fields when compared (1881).
      stored: new Map(
        row.stored.map(([id, position, contentHash, type, occurredAt, dataText, personalRef]) => [
          id,
          { position: Number(position), contentHash: contentHash === null ? fingerprintOf(type, occurredAt, dataText, personalRef) : () => contentHash },
        ]),
      ),
      known: new Set(row.known),
    };
  }
}
