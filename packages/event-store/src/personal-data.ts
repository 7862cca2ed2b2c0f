import type { Kysely } from 'kysely';
import type { Database } from './database.ts';

/** The contact kept apart from an event's history (docs/domain.md §10), or undefined if none or erased. */
export async function getContact(db: Kysely<Database>, hallId: string, eventId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('personal_data')
    .select('contact')
    .where('hall_id', '=', hallId)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return row?.contact;
}

/**
 * Erases an event's contact. The history keeps its salted `personalRef`, so
 * the chain still verifies. False if there was nothing to erase.
 */
export async function eraseContact(db: Kysely<Database>, hallId: string, eventId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('personal_data')
    .where('hall_id', '=', hallId)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
