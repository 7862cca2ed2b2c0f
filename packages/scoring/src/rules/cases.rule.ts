import type { RuleTrigger } from '@hall/contracts';
import type { MonthContext } from '../score/month-context.ts';
import type { ItemSink } from '../score/line-item.ts';
import type { MetricsBook } from '../score/metrics-book.ts';
import type { Rec } from '../model/records.ts';
import { byTime, earliest } from '../model/records.ts';
import { rulesFor, toCents } from '../catalogue/compiled-catalogue.ts';
import { overdueWorkingDays } from './overdue.ts';

type CaseEventType = 'CaseSupplementRequested' | 'CaseReturned' | 'CaseResultErrorFound' | 'CaseMaterialsLost';

/**
 * Case rules (docs/domain.md §4.1, §4.3) and case metrics. Every rule reaches the window
 * and staff member of the case's first `CaseAccepted`; a case with none is
 * skipped. `CASE_OVERDUE` is scored in the month of the case's first completion.
 */
export function scoreCases(ctx: MonthContext, sink: ItemSink, book: MetricsBook): void {
  const { bucket } = ctx;
  for (const rec of bucket.caseAccepted) {
    const { windowId, staffId } = rec.e.data;
    const w = book.window(windowId);
    w.casesAccepted++;
    w.acceptedIds.push(rec.id);
    const s = book.staffMember(staffId);
    s.casesAccepted++;
    s.acceptedIds.push(rec.id);
  }
  perOccurrence(ctx, sink, bucket.caseSupplements, 'case_supplement_unexplained', (r) => !r.e.data.explainedInFull);
  perOccurrence(ctx, sink, bucket.caseReturns, 'case_return_unexplained', (r) => !r.e.data.reasonGiven);
  perOccurrence(ctx, sink, bucket.caseErrors, 'case_result_error', () => true);
  perOccurrence(ctx, sink, bucket.caseLost, 'case_materials_lost', () => true);
  for (const rec of bucket.caseCompleted) {
    const facts = ctx.model.cases.get(rec.e.data.caseId);
    if (!facts || earliest(facts.completed) !== rec) continue;
    const accepted = earliest(facts.accepted);
    if (!accepted) continue;
    const { windowId, staffId } = accepted.e.data;
    book.window(windowId).casesCompleted++;
    book.staffMember(staffId).casesCompleted++;
    const overdue = overdueWorkingDays(ctx, accepted, rec);
    if (overdue <= 0) continue;
    book.window(windowId).casesOverdue++;
    book.staffMember(staffId).casesOverdue++;
    const catalogue = ctx.timeline.at(rec.day);
    for (const rule of rulesFor(catalogue, 'case_overdue')) {
      if (rule.computation.kind !== 'per_overdue_working_day' && rule.computation.kind !== 'per_occurrence') continue;
      sink.fire(rule, catalogue.version, toCents(rule.computation.points) * overdue, windowId, staffId, [accepted.id, rec.id], {
        note: `${rule.name}: ${overdue} working day(s) overdue`,
      });
    }
  }
}

function perOccurrence<R extends Rec<CaseEventType>>(
  ctx: MonthContext,
  sink: ItemSink,
  recs: readonly R[],
  trigger: RuleTrigger,
  fires: (rec: R) => boolean,
): void {
  for (const rec of recs) {
    if (!fires(rec)) continue;
    const accepted = firstAcceptance(ctx, rec.e.data.caseId);
    if (!accepted) continue;
    const catalogue = ctx.timeline.at(rec.day);
    for (const rule of rulesFor(catalogue, trigger)) {
      if (rule.computation.kind !== 'per_occurrence') continue;
      const { windowId, staffId } = accepted.e.data;
      sink.fire(rule, catalogue.version, toCents(rule.computation.points), windowId, staffId, [accepted.id, rec.id]);
    }
  }
}

function firstAcceptance(ctx: MonthContext, caseId: string): Rec<'CaseAccepted'> | undefined {
  const accepted = ctx.model.cases.get(caseId)?.accepted;
  if (!accepted || accepted.length === 0) return undefined;
  return accepted.length === 1 ? accepted[0] : [...accepted].sort(byTime)[0];
}
