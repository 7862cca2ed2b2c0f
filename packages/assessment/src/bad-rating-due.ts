import { DomainError } from '@hall/contracts';
import type { AppendOutcome } from '@hall/event-store';
import { dueEvents } from '@hall/scoring';
import type { HallStates } from './hall-states.ts';
import { hallBadRatingCases } from './hall-bad-rating-cases.ts';
import { badRatingLoopStart } from './bad-rating-loop-start.ts';
import { idsTaken, tryAppendServiceEvents } from './append-service-events.ts';
import { storeFailure } from './store-failure.ts';

/** Appends per transaction: a first run after long downtime may have many marks. */
const CHUNK = 500;

export interface BadRatingDueReport {
  hallId: string;
  warnings: number;
  overdue: number;
  defaults: number;
}

/**
 * The scheduled job of the bad-rating loop for one hall: appends each
 * warning, overdue mark and default rating (默认评价) that fell due by `now`
 * and is not in the history yet, each dated when it fell due and with its
 * deterministic id. A second run appends nothing; a run after downtime
 * appends what the missed runs would have, once. Only 差评 rated and tickets
 * completed since the loop was switched on for the hall count (decision 1702).
 * Two workers at once append the same ids: the second one's are duplicates.
 */
export async function appendDueBadRatingEvents(halls: HallStates, hallId: string, now: Date): Promise<BadRatingDueReport> {
  // Where a projector thread holds the states, there (decision 1911).
  const elsewhere = halls.dueJobsElsewhere();
  if (elsewhere) return (await elsewhere('badRatings', hallId, now)) as BadRatingDueReport;
  const state = await halls.caughtUp(hallId);
  const fromT = (await badRatingLoopStart(halls.db, hallId, now)).getTime();
  const cases = hallBadRatingCases(state).filter((c) => c.openedT >= fromT);
  const due = dueEvents(state.model, cases, now.getTime()).filter((e) => e.type !== 'RatingDefaulted' || Date.parse(e.data.completedAt) >= fromT);
  const report: BadRatingDueReport = { hallId, warnings: 0, overdue: 0, defaults: 0 };
  const count = (type: string) => {
    if (type === 'BadRatingCaseWarned') report.warnings += 1;
    else if (type === 'BadRatingCaseOverdue') report.overdue += 1;
    else report.defaults += 1;
  };
  for (let at = 0; at < due.length; at += CHUNK) {
    const chunk = due.slice(at, at + CHUNK);
    const outcome = await tryAppendServiceEvents(halls, hallId, chunk);
    if (outcome.ok) {
      outcome.results.forEach((r, i) => r.status === 'appended' && count(chunk[i]!.type));
      continue;
    }
    if (!idsTaken(outcome)) throw refused(outcome);
    // An id taken with other content (a history that changed under a racing worker) must not block the
    // rest of the chunk for ever: append one by one and leave that one out.
    for (const event of chunk) {
      const single = await tryAppendServiceEvents(halls, hallId, [event]);
      if (single.ok) single.results.forEach((r) => r.status === 'appended' && count(event.type));
      else if (!idsTaken(single)) throw refused(single);
    }
  }
  return report;
}

function refused(outcome: Extract<AppendOutcome, { ok: false }>): DomainError {
  const failure = storeFailure(outcome.code, outcome.errors);
  return new DomainError(failure.code, failure.message, failure.errors);
}
