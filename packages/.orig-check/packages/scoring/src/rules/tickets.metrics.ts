import type { MonthContext } from '../score/month-context.ts';
import type { MetricsBook } from '../score/metrics-book.ts';
import type { RatingJudge } from '../score/rating-judge.ts';
import type { Rec } from '../model/records.ts';
import { byTime } from '../model/records.ts';

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
    if (facts) {
      const issued = first(facts.issued);
      const call = lastUpTo(facts.calls, rec, null);
      if (issued && call && call.t >= issued.t) {
        w.waits.push(call.t - issued.t);
        s.waits.push(call.t - issued.t);
      }
      const start = lastUpTo(facts.starts, rec, windowId);
      if (start) {
        w.services.push(rec.t - start.t);
        s.services.push(rec.t - start.t);
      }
    }
    const ratings = model.ratingsByTicket.get(ticketId);
    if (ratings) {
      for (const rating of ratings) {
        if (rating.e.data.windowId === windowId && judge.verdict(rating) === 'counted') {
          w.ratedTickets.add(ticketId);
          s.ratedTickets.add(ticketId);
          w.ratedIds.push(rating.id);
          break;
        }
      }
    }
  }
}

function first<R extends Rec>(recs: readonly R[]): R | undefined {
  let best: R | undefined;
  for (const r of recs) if (!best || byTime(r, best) < 0) best = r;
  return best;
}

function lastUpTo<R extends Rec<'TicketCalled' | 'ServiceStarted'>>(
  recs: readonly R[],
  until: Rec,
  windowId: string | null,
): R | undefined {
  let best: R | undefined;
  for (const r of recs) {
    if (r.t > until.t || (windowId !== null && r.e.data.windowId !== windowId)) continue;
    if (!best || byTime(r, best) > 0) best = r;
  }
  return best;
}
