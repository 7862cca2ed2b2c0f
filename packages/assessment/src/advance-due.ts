import { catalogueAt, dueStage, hallClock, stageIndex } from '@hall/scoring';
import type { HallStates } from './hall-states.ts';
import { monthsBetween } from './touched-months.ts';
import { advancePeriod } from './publish.ts';
import type { AuditSigner } from './audit/signer.ts';

export interface AdvanceReport {
  hallId: string;
  moved: Array<{ period: string; to: string }>;
}

/**
 * The scheduled job's whole work for one hall: every ended month whose
 * scheduled stage is ahead of its actual stage is moved on, oldest first, so
 * a service back from two months of downtime catches up in order. Safe to
 * run twice or from two workers: each move is decided under the hall's lock.
 */
export async function advanceDuePeriods(a: HallStates, signer: AuditSigner, hallId: string, now: Date): Promise<AdvanceReport> {
  // Where a projector thread holds the states, there (decision 1911); it signs with the same key.
  const elsewhere = a.dueJobsElsewhere();
  if (elsewhere) return (await elsewhere('advance', hallId, now)) as AdvanceReport;
  const state = await a.caughtUp(hallId);
  const report: AdvanceReport = { hallId, moved: [] };
  if (!state.hall.autoAdvance) return report;
  const clock = hallClock(state.hall.timezone);
  const current = clock.month(now.getTime());
  const start = state.hall.assessmentStartsOn.slice(0, 7);
  if (start >= current) return report;
  const months = monthsBetween(start, current).filter((m) => m < current);
  for (const period of months) {
    const settings = catalogueAt(state.catalogueList(), `${period}-28`).settings;
    const due = dueStage(period, now.getTime(), state.hall.timezone, settings, Date.parse(state.hall.createdAt));
    if (due === 'open' || stageIndex(due) <= stageIndex(state.period(period).stage)) continue;
    const moved = await advancePeriod(a, signer, hallId, period, due, 'schedule', now);
    // The schedule only asks for stages already due: a refusal here is a bug, not an outcome to report.
    if (!moved.ok) throw new Error(`scheduled move of ${hallId} ${period} to ${due} refused: ${moved.error.code} ${moved.error.message}`);
    report.moved.push({ period, to: due });
  }
  return report;
}
