import type { MonthContext } from '../score/month-context.ts';
import type { MetricsBook } from '../score/metrics-book.ts';
import type { RatingJudge } from '../score/rating-judge.ts';
import type { RatingRec } from '../model/records.ts';
import type { TicketFacts } from '../model/hall-model.ts';

/**
 * Ticket metrics of the month (SPEC §5): every `ServiceCompleted` counts for its
 * window and staff member; wait = last call (at or before completion) − issue,
 * service = completion − the last start at that window; a ticket is rated
 * when a counted rating at that window is tied to it.
 */
export function measureTickets(ctx: MonthContext, book: MetricsBook, judge: RatingJudge): void {
  const { model } = ctx;
  for (const rec of ctx.bucket.completions) {
    const { ticketId, windowId, staffId } = rec.e.data;
    const w = book.window(windowId);
    const s = book.staffMember(staffId);
    w.ticketsCompleted++;
    s.ticketsCompleted++;
    w.completionIds.push(rec.id);
    const facts = model.tickets.get(ticketId);
    if (!facts) continue;
    const call = facts.lastCallUpTo(rec.t);
    if (call >= facts.issuedT) {
      w.waits.push(call - facts.issuedT);
      s.waits.push(call - facts.issuedT);
    }
    const start = facts.lastStartUpTo(rec.t, windowId);
    if (!Number.isNaN(start)) {
      w.services.push(rec.t - start);
      s.services.push(rec.t - start);
    }
    const rating = countedRatingAt(facts, windowId, judge);
    if (rating) {
      // A ticket completed once is seen once per month; one completed more often needs a set.
      if (facts.moreCompletions === null) {
        w.ratedOnce++;
        s.ratedOnce++;
      } else {
        w.ratedAgain(ticketId);
        s.ratedAgain(ticketId);
      }
      w.ratedIds.push(rating.id);
    }
  }
}

/** The first of the ticket's ratings (as held) given at `windowId` and counted. */
function countedRatingAt(facts: TicketFacts, windowId: string, judge: RatingJudge): RatingRec | undefined {
  const first = facts.rating;
  if (first === null) return undefined;
  if (first.e.data.windowId === windowId && judge.verdict(first) === 'counted') return first;
  if (facts.moreRatings !== null) {
    for (const rating of facts.moreRatings) if (rating.e.data.windowId === windowId && judge.verdict(rating) === 'counted') return rating;
  }
  return undefined;
}
