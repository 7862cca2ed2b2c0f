import { listHalls } from '@hall/event-store';
import { advanceDuePeriods, type AuditSigner, type HallStates } from '@hall/assessment';
import type { PeriodJobs } from './scheduler.ts';

/** The period schedule's jobs, as use cases of packages/assessment: halls that advance on their own, and one hall's due moves. */
export function periodJobs(halls: HallStates, signer: AuditSigner): PeriodJobs {
  return {
    hallsDue: async () => (await listHalls(halls.db)).filter((h) => h.autoAdvance).map((h) => h.hallId),
    advanceHall: (hallId, now) => advanceDuePeriods(halls, signer, hallId, now),
  };
}
