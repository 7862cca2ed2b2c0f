import type { Store } from '@hall/event-store';
import { rebuildViews, type RebuildReport } from '@hall/assessment';
import { Progress } from './progress.ts';

/** `hall rebuild [--hall ID]`: the rebuild use case with a progress line on stderr (stdout stays for the result). */
export async function rebuild(store: Store, hallIds: readonly string[]): Promise<RebuildReport> {
  const progress = new Progress('rebuild', 0);
  const report = await rebuildViews(store.db, () => new Date(), hallIds, (done, total) => progress.update(done, total));
  progress.finish(`${report.halls} hall(s)`);
  return report;
}

export async function allHallIds(store: Store): Promise<string[]> {
  const rows = await store.db.selectFrom('halls').select('hall_id').orderBy('hall_id').execute();
  return rows.map((r) => r.hall_id);
}
