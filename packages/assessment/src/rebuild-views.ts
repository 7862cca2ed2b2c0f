import type { Kysely } from 'kysely';
import type { Database } from '@hall/event-store';
import { HallStates } from './hall-states.ts';
import { viewDb } from './view-tables.ts';

export interface RebuildReport {
  halls: number;
  events: number;
}

/**
 * Forgets the score projection's checkpoint of each hall and re-projects it
 * from its history (`HallStates.caughtUp`); the old rows keep answering reads
 * until the new ones commit, all at once. Frozen publications
 * (period_versions) and checkpoints are history, not views: kept. Run with
 * the service stopped (its in-memory views would not know the rows went).
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
    // Only the checkpoint goes: the old views keep serving until the re-projection
    // replaces them (and drops rows of subjects no longer scored) in one transaction.
    await vdb.deleteFrom('projection_checkpoints').where('hall_id', '=', hallId).execute();
    const states = new HallStates(db, clock);
    // caughtUp registers the hall's state before it reads the history, so its position shows the progress.
    const ticker = setInterval(() => onProgress(done + (states.loadedState(hallId)?.position ?? 0), total), 100);
    try {
      await states.caughtUp(hallId);
    } finally {
      clearInterval(ticker);
    }
    done += Number(head_position);
    onProgress(done, total);
  }
  return { halls: heads.length, events: done };
}
