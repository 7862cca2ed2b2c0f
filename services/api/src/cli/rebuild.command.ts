import type { Store } from '@hall/event-store';
import { Assessment } from '../assessment/assessment.ts';
import { viewDb } from '../assessment/view-tables.ts';
import { Progress } from './progress.ts';

/**
 * `pnpm cli rebuild [--hall ID]`: drops the score projection's rows of each
 * hall (score_views, month_views, projection_checkpoints) and re-projects it
 * from its history through Assessment.caughtUp. Frozen publications
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
    await vdb.transaction().execute(async (trx) => {
      await trx.deleteFrom('score_views').where('hall_id', '=', hallId).execute();
      await trx.deleteFrom('month_views').where('hall_id', '=', hallId).execute();
      await trx.deleteFrom('projection_checkpoints').where('hall_id', '=', hallId).execute();
    });
    const assessment = new Assessment(store.db, () => new Date());
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
