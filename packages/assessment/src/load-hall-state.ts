import type { Kysely } from 'kysely';
import { streamEvents, type Database, type HallRow } from '@hall/event-store';
import { HallState } from './hall-state.ts';

const READ_BATCH = 5000;

/**
 * A hall's state folded through `through` (the head when absent). Today the
 * whole history; month-scoped loading replaces the body, not the call.
 */
export async function loadHallState(db: Kysely<Database>, hall: HallRow, opts: { through?: number } = {}): Promise<HallState> {
  const state = new HallState(hall);
  if (opts.through === 0) return state;
  for await (const batch of streamEvents(db, hall.hallId, { after: 0, through: opts.through, batchSize: READ_BATCH })) {
    for (const stored of batch) state.applyStored(stored);
  }
  return state;
}
