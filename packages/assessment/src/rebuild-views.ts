import type { Kysely } from 'kysely';
import type { Database } from '@hall/event-store';
import { HallStates } from './hall-states.ts';
import { viewDb } from './view-tables.ts';

export interface RebuildReport {
  halls: number;
  events: number;
}

/**
 * Halls re-projected at once. Two: while one hall's transaction waits on
 * PostgreSQL writing its views, the next hall's history is read and folded
 * (decision 1451); at most two halls' states are in memory.
 */
const CONCURRENT_HALLS = 2;

/**
 * Re-projects each hall from its history (`ProjectionRunner.rebuild`): every
 * month is re-scored and written, rows of subjects no longer scored dropped,
 * and the checkpoint moved forward, in one transaction per hall; the old rows
 * keep answering reads until it commits. Frozen publications (period_versions)
 * and audit checkpoints are history, not views: kept. Other processes may run:
 * the rebuild waits for a hall's ownership like any batch.
 * `onProgress` hears events re-projected so far out of the total.
 */
export async function rebuildViews(
  db: Kysely<Database>,
  clock: () => Date,
  hallIds: readonly string[],
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<RebuildReport> {
  const vdb = viewDb(db);
  const heads = await vdb.selectFrom('halls').select(['hall_id', 'head_position']).where('hall_id', 'in', hallIds.length > 0 ? [...hallIds] : ['']).execute();
  const total = heads.reduce((sum, h) => sum + Number(h.head_position), 0);
  let done = 0;
  const running = new Map<string, HallStates>();
  const inFlight = () => [...running].reduce((sum, [hallId, states]) => sum + (states.loadedState(hallId)?.position ?? 0), 0);
  const ticker = setInterval(() => onProgress(done + inFlight(), total), 100);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < heads.length && !failed) {
      const { hall_id: hallId, head_position } = heads[next++]!;
      const states = new HallStates(db, clock);
      running.set(hallId, states);
      try {
        await states.runner.rebuild(hallId);
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        running.delete(hallId);
      }
      done += Number(head_position);
      onProgress(done, total);
    }
  };
  // A failure stops the other worker taking further halls; the hall it is on finishes (its own transaction) before this throws.
  const results = await Promise.allSettled(Array.from({ length: Math.min(CONCURRENT_HALLS, heads.length) }, worker));
  clearInterval(ticker);
  const failure = results.find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
  return { halls: heads.length, events: done };
}
