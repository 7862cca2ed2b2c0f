import type { Kysely } from 'kysely';
import { readEventsAt, streamEventBodies, type Database, type HallRow } from '@hall/event-store';
import { HallState, toAssessmentEvent } from './hall-state.ts';
import { viewDb } from './view-tables.ts';

const READ_BATCH = 5000;

export interface LoadOptions {
  /** Load up to this position (default: the head as the reads find it). */
  through?: number;
  /** The state must be able to score this month: the snapshot is one from it or before (restating a final month). */
  forMonth?: string;
  /** Stop after the snapshot: the caller reads the later events itself (a re-projection, which marks them dirty). */
  snapshotOnly?: boolean;
}

/** A carry-over snapshot row (migration 0011). */
export interface CarryOverRow {
  fromMonth: string;
  throughPosition: number;
  positions: number[];
}

/**
 * The one way a hall's state is loaded (decision 1411): its latest carry-over
 * snapshot that fits (taken at or before `through`, for a month at or before
 * `forMonth`), i.e. the events carried into that month, then every event after
 * the snapshot's position. Without a snapshot that fits, the whole history.
 * Events are applied without marking months dirty: the caller knows which
 * months its views already reflect.
 */
export async function loadHallState(db: Kysely<Database>, hall: HallRow, options: LoadOptions = {}): Promise<HallState> {
  const state = new HallState(hall);
  const snapshot = await latestSnapshot(db, hall.hallId, options);
  if (snapshot) {
    const carried = await readEventsAt(db, hall.hallId, snapshot.positions);
    state.startFrom(carried.map(toAssessmentEvent), snapshot.fromMonth, snapshot.throughPosition);
    // 实名 ratings among the carried events: the ref stays in the history (the scorer's only trace of personal data).
    for (const stored of carried) if (stored.personalRef !== null && stored.type === 'RatingSubmitted') state.namedRatings.add(stored.id);
  }
  if (options.snapshotOnly || (options.through !== undefined && state.position >= options.through)) return state;
  for await (const batch of streamEventBodies(db, hall.hallId, { after: state.position, through: options.through, batchSize: READ_BATCH })) {
    for (const stored of batch) state.applyStored(stored);
  }
  return state;
}

/** The latest snapshot of the hall that `options` allow, if any. */
export async function latestSnapshot(db: Kysely<Database>, hallId: string, options: LoadOptions = {}): Promise<CarryOverRow | undefined> {
  let query = viewDb(db)
    .selectFrom('month_carry_overs')
    .select(['from_month', 'through_position', 'positions'])
    .where('hall_id', '=', hallId);
  if (options.through !== undefined) query = query.where('through_position', '<=', String(options.through));
  if (options.forMonth !== undefined) query = query.where('from_month', '<=', options.forMonth);
  const row = await query.orderBy('from_month', 'desc').limit(1).executeTakeFirst();
  if (!row) return undefined;
  return { fromMonth: row.from_month, throughPosition: Number(row.through_position), positions: row.positions.map(Number) };
}

/**
 * Stores the snapshot of what `state` carries into `fromMonth` (inside the
 * transaction that made the month before it final). A later snapshot of the
 * same month replaces an earlier one: it leaves fewer events to read after it.
 */
export async function storeSnapshot(trx: Kysely<Database>, state: HallState, fromMonth: string, carried: readonly { position: number }[], now: Date): Promise<void> {
  await viewDb(trx)
    .insertInto('month_carry_overs')
    .values({
      hall_id: state.hall.hallId,
      from_month: fromMonth,
      through_position: state.position,
      positions: carried.map((e) => e.position),
      created_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['hall_id', 'from_month']).doUpdateSet((eb) => ({
        through_position: eb.ref('excluded.through_position'),
        positions: eb.ref('excluded.positions'),
        created_at: eb.ref('excluded.created_at'),
      })),
    )
    .execute();
}
