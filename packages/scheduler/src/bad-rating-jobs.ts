import type { Logger } from 'pino';
import { listHalls } from '@hall/event-store';
import { appendDueBadRatingEvents, type BadRatingDueReport, type HallStates } from '@hall/assessment';
import type { PeriodJobs } from './scheduler.ts';

/**
 * The bad-rating loop on the same schedule as the period moves (decision
 * 1702): every hall, not only those that advance on their own, gets its due
 * warnings, overdue marks and default ratings, before its due period moves,
 * so that a mark dated in a month that is about to become final lands in it
 * before the publication. The period job itself still moves only halls that
 * advance on their own (it checks that per hall).
 */
export function withBadRatingLoop(jobs: PeriodJobs, halls: HallStates, log?: Logger): PeriodJobs {
  return {
    hallsDue: async () => (await listHalls(halls.db)).map((h) => h.hallId),
    advanceHall: async (hallId, now) => {
      const badRatings: BadRatingDueReport = await appendDueBadRatingEvents(halls, hallId, now);
      if (badRatings.warnings + badRatings.overdue + badRatings.defaults > 0) log?.info(badRatings, 'bad-rating marks and default ratings appended on schedule');
      const periods = await jobs.advanceHall(hallId, now);
      return { ...periods, badRatings };
    },
  };
}
