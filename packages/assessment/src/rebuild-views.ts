import type { Kysely } from 'kysely';
import type { Database } from '@hall/event-store';
import { HallStates } from './hall-states.ts';
import { viewDb } from './view-tables.ts';

export interface RebuildReport {
  halls: number;
  events: number;
}

/**
 * Re-projects each hall from its history (`ProjectionRunner.rebuild`): every
 * month is re-scored and written, rows of subjects no longer scored dropped,
 * and the checkpoint moved forward, in one transaction; the old rows keep
 * answering reads until it commits. Frozen publications (period_versions)
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
  for (const { hall_id: hallId, head_position } of heads) {
    const states = new HallStates(db, clock);
    const ticker = setInterval(() => onProgress(done + (states.loadedState(hallId)?.position ?? 0), total), 100);
    try {
      await states.runner.rebuild(hallId);
    } finally {
      clearInterval(ticker);
    }
    done += Number(head_position);
    onProgress(done, total);
  }
  return { halls: heads.length, events: done };
}
