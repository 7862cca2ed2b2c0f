import type { Store } from '@hall/event-store';
import { Progress } from './progress.ts';
import { HallStates, viewDb } from '@hall/assessment';

/**
 * `pnpm cli rebuild [--hall ID]`: forgets the score projection's checkpoint of
 * each hall and re-projects it from its history through HallStates.caughtUp;
 * the old rows keep answering reads until the new ones commit, all at once. Frozen publications
 * (period_versions) and checkpoints are history, not views: kept. Run it with
 * the service stopped (its in-memory views would not know the rows went).
 */
export async function rebuild(store: Store, hallIds: readonly string[]): Promise<{ halls: number; events: number }> {
  const vdb = viewDb(store.db);
  const heads = await vdb.selectFrom('halls').select(['hall_id', 'head_position']).where('hall_id', 'in', hallIds.length > 0 ? [...hallIds] : ['']).execute();
  const total = heads.reduce((sum, h) => sum + Number(h.head_position), 0);
  const progress = new Progress('rebuild', total);
  let done = 0;
  for (const { hall_id: hallId, head_position } of heads) {
    // Only the checkpoint goes: the old views keep serving until the re-projection
    // replaces them (and drops rows of subjects no longer scored) in one transaction.
    await vdb.deleteFrom('projection_checkpoints').where('hall_id', '=', hallId).execute();
    const assessment = new HallStates(store.db, () => new Date());
    // caughtUp registers the hall's state before it reads the history, so its position shows the progress.
    const ticker = setInterval(() => progress.update(done + (assessment.loadedState(hallId)?.position ?? 0)), 100);
    try {
      await assessment.caughtUp(hallId);
    } finally {
      clearInterval(ticker);
    }
    done += Number(head_position);
    progress.update(done);
  }
  progress.finish(`${heads.length} hall(s)`);
  return { halls: heads.length, events: done };
}

export async function allHallIds(store: Store): Promise<string[]> {
  const rows = await store.db.selectFrom('halls').select('hall_id').orderBy('hall_id').execute();
  return rows.map((r) => r.hall_id);
}
