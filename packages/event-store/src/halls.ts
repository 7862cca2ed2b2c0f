import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, HallsTable } from './database.ts';

export interface NewHall {
  hallId: string;
  name: string;
  timezone: string;
  /** `YYYY-MM-DD` */
  assessmentStartsOn: string;
  autoAdvance: boolean;
}

export interface HallRow extends NewHall {
  /** Position of the hall's last event; 0 for an empty history. */
  headPosition: number;
  headHash: string;
  createdAt: string;
}

const hallColumns = [
  'hall_id',
  'name',
  'timezone',
  'assessment_starts_on',
  'auto_advance',
  'head_position',
  'head_hash',
  'created_at',
] as const;

function toHallRow(row: Pick<Selectable<HallsTable>, (typeof hallColumns)[number]>): HallRow {
  return {
    hallId: row.hall_id,
    name: row.name,
    timezone: row.timezone,
    assessmentStartsOn: row.assessment_starts_on,
    autoAdvance: row.auto_advance,
    headPosition: Number(row.head_position),
    headHash: row.head_hash,
    createdAt: row.created_at.toISOString(),
  };
}

/** Creates a hall with an empty history. The service's own HallCreated event is the caller's to append. */
export async function createHall(
  db: Kysely<Database>,
  hall: NewHall,
  now: Date,
): Promise<{ ok: true } | { ok: false; code: 'HALL_EXISTS' }> {
  const inserted = await db
    .insertInto('halls')
    .values({
      hall_id: hall.hallId,
      name: hall.name,
      timezone: hall.timezone,
      assessment_starts_on: hall.assessmentStartsOn,
      auto_advance: hall.autoAdvance,
      contact_salt: randomBytes(32).toString('hex'),
      created_at: now,
    })
    .onConflict((oc) => oc.column('hall_id').doNothing())
    .returning('hall_id')
    .executeTakeFirst();
  return inserted ? { ok: true } : { ok: false, code: 'HALL_EXISTS' };
}

export async function getHall(db: Kysely<Database>, hallId: string): Promise<HallRow | undefined> {
  const row = await db.selectFrom('halls').select(hallColumns).where('hall_id', '=', hallId).executeTakeFirst();
  return row && toHallRow(row);
}

/** Every hall, by id. (Across shards this is a fan-out; it is an admin listing, not a hot path.) */
export async function listHalls(db: Kysely<Database>): Promise<HallRow[]> {
  const rows = await db.selectFrom('halls').select(hallColumns).orderBy('hall_id').execute();
  return rows.map(toHallRow);
}
