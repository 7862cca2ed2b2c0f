import type { MonthContext } from '../score/month-context.ts';
import type { ItemSink } from '../score/line-item.ts';
import type { MetricsBook } from '../score/metrics-book.ts';
import { rulesFor, toCents } from '../catalogue/compiled-catalogue.ts';
import { latest } from '../model/records.ts';

/**
 * `ComplaintVerified` with `valid: true` fires `complaint_valid` rules (W+S).
 * Only a complaint's latest verification counts (a re-verification overrides).
 * Veto: the rule's `always`, or `media_exposure` when the complaint caused it.
 */
export function scoreComplaints(ctx: MonthContext, sink: ItemSink, book: MetricsBook): void {
  for (const rec of ctx.bucket.complaints) {
    const data = rec.e.data;
    if (!data.valid || latest(ctx.model.complaintVerifications.get(data.complaintId)) !== rec) continue;
    book.window(data.windowId).validComplaints++;
    if (data.staffId !== undefined) book.staffMember(data.staffId).validComplaints++;
    const catalogue = ctx.timeline.at(rec.day);
    for (const rule of rulesFor(catalogue, 'complaint_valid')) {
      if (rule.computation.kind !== 'per_occurrence') continue;
      const veto = rule.veto === 'always' || (rule.veto === 'media_exposure' && data.mediaExposure);
      sink.fire(rule, catalogue.version, toCents(rule.computation.points), data.windowId, data.staffId, [rec.id], {
        veto,
        note: data.note ?? rule.name,
      });
    }
  }
}
