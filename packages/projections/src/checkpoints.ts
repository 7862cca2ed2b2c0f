import type { Kysely } from 'kysely';
import type { Database } from '@hall/event-store';
import { checkpointDb } from './checkpoint-table.ts';

export interface ProjectionName {
  readonly name: string;
  readonly version: number;
}

export interface Checkpoint {
  version: number;
  position: number;
  active: boolean;
}

/** The checkpoint of one version of a projection for a hall, if it was ever written. */
export async function readCheckpoint(db: Kysely<Database>, hallId: string, p: ProjectionName): Promise<Checkpoint | undefined> {
  const row = await checkpointDb(db)
    .selectFrom('projection_checkpoints')
    .select(['version', 'position', 'active'])
    .where('hall_id', '=', hallId)
    .where('projection', '=', p.name)
    .where('version', '=', p.version)
    .executeTakeFirst();
  return row && { version: row.version, position: Number(row.position), active: row.active };
}

/** The version reads use for a hall (the active one), if any was written. */
export async function activeCheckpoint(db: Kysely<Database>, hallId: string, name: string): Promise<Checkpoint | undefined> {
  const row = await checkpointDb(db)
    .selectFrom('projection_checkpoints')
    .select(['version', 'position', 'active'])
    .where('hall_id', '=', hallId)
    .where('projection', '=', name)
    .where('active', '=', true)
    .executeTakeFirst();
  return row && { version: row.version, position: Number(row.position), active: true };
}

/**
 * Moves a checkpoint forward by compare-and-set on the position it had when
 * the batch began: `false` when another runner moved (or removed) it since,
 * and the caller must roll back. `from === null` creates it (active when no
 * other version of the projection is).
 */
export async function advanceCheckpoint(
  trx: Kysely<Database>,
  hallId: string,
  p: ProjectionName,
  from: number | null,
  to: number,
  now: Date,
): Promise<boolean> {
  const cdb = checkpointDb(trx);
  if (to < (from ?? 0)) throw new Error(`projection ${p.name}@${p.version} of hall ${hallId} would move back from ${from} to ${to}`);
  if (from === null) {
    const other = await activeCheckpoint(trx, hallId, p.name);
    const inserted = await cdb
      .insertInto('projection_checkpoints')
      .values({ hall_id: hallId, projection: p.name, version: p.version, position: to, active: other === undefined, updated_at: now })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
  }
  const updated = await cdb
    .updateTable('projection_checkpoints')
    .set({ position: to, updated_at: now })
    .where('hall_id', '=', hallId)
    .where('projection', '=', p.name)
    .where('version', '=', p.version)
    .where('position', '=', String(from))
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/**
 * Makes `p.version` the hall's active version of the projection and removes
 * the checkpoints of the others (their rows are the projection's to drop, in
 * the same transaction).
 */
export async function activate(trx: Kysely<Database>, hallId: string, p: ProjectionName): Promise<number[]> {
  const cdb = checkpointDb(trx);
  const others = await cdb
    .deleteFrom('projection_checkpoints')
    .where('hall_id', '=', hallId)
    .where('projection', '=', p.name)
    .where('version', '<>', p.version)
    .returning('version')
    .execute();
  await cdb
    .updateTable('projection_checkpoints')
    .set({ active: true })
    .where('hall_id', '=', hallId)
    .where('projection', '=', p.name)
    .where('version', '=', p.version)
    .execute();
  return others.map((o) => o.version);
}
