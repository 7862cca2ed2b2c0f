import type { MonthContext } from '../score/month-context.ts';
import type { MetricsBook } from '../score/metrics-book.ts';
import type { RatingJudge } from '../score/rating-judge.ts';
import type { RatingRec } from '../model/records.ts';
import type { TicketBook } from '../model/ticket-book.ts';

/**
 * Ticket metrics of the month (docs/domain.md §5): every `ServiceCompleted` counts for its
 * window and staff member; wait = last call (at or before completion) − issue,
 * service = completion − the last start at that window; a ticket is rated
 * when a counted rating at that window is tied to it.
 */
export function measureTickets(ctx: MonthContext, book: MetricsBook, judge: RatingJudge): void {
  const tickets = ctx.model.tickets;
  for (const rec of ctx.bucket.completions) {
    const { windowId, staffId, ticket } = rec;
    const w = book.window(windowId);
    const s = book.staffMember(staffId);
    w.ticketsCompleted++;
    s.ticketsCompleted++;
    w.completionIds.push(rec.id);
    const call = tickets.lastCallUpTo(ticket, rec.t);
    const issued = tickets.issuedT(ticket);
    if (call >= issued) {
      w.waits.push(call - issued);
      s.waits.push(call - issued);
    }
    const start = tickets.lastStartUpTo(ticket, rec.t, windowId);
    if (!Number.isNaN(start)) {
      w.services.push(rec.t - start);
      s.services.push(rec.t - start);
    }
    const rating = countedRatingAt(tickets, ticket, windowId, judge);
    if (rating) {
      // A ticket completed once is seen once per month; one completed more often needs a set.
      if (!tickets.completedAgain(ticket)) {
        w.ratedOnce++;
        s.ratedOnce++;
      } else {
        w.ratedAgain(ticket);
        s.ratedAgain(ticket);
      }
      w.ratedIds.push(rating.id);
    }
  }
}

/** The first of the ticket's ratings (as held) given at `windowId` and counted. */
function countedRatingAt(tickets: TicketBook, ticket: number, windowId: string, judge: RatingJudge): RatingRec | undefined {
  const first = tickets.firstRating(ticket);
  if (first === null) return undefined;
  if (first.windowId === windowId && judge.verdict(first) === 'counted') return first;
  const more = tickets.moreRatingsOf(ticket);
  if (more !== undefined) {
    for (const rating of more) if (rating.windowId === windowId && judge.verdict(rating) === 'counted') return rating;
  }
  return undefined;
}
