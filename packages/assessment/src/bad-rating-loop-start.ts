import type { ColumnType, Kysely } from 'kysely';
import type { Database } from '@hall/event-store';

/** Table of migration 0009: when the bad-rating loop was switched on for a hall. */
type LoopStartTables = {
  bad_rating_loop_starts: { hall_id: string; started_at: ColumnType<Date, Date | string, never> };
};

const loopDb = (db: Kysely<Database>) => db.withTables<LoopStartTables>();

/**
 * The instant the loop started for the hall: the first call fixes it at `now`
 * (a racing second caller reads the first one's), later calls return it. An
 * operator (or a test) may fix an earlier start by calling it first with that instant.
 */
export async function badRatingLoopStart(db: Kysely<Database>, hallId: string, now: Date): Promise<Date> {
  const ldb = loopDb(db);
  await ldb.insertInto('bad_rating_loop_starts').values({ hall_id: hallId, started_at: now }).onConflict((oc) => oc.column('hall_id').doNothing()).execute();
  const row = await ldb.selectFrom('bad_rating_loop_starts').select('started_at').where('hall_id', '=', hallId).executeTakeFirstOrThrow();
  return row.started_at;
}
