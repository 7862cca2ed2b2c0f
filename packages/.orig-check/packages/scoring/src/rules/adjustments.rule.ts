import type { MonthContext } from '../score/month-context.ts';
import type { ItemSink } from '../score/line-item.ts';
import { toCents } from '../catalogue/compiled-catalogue.ts';

export const ADJUSTMENT_CODE = 'ADJUSTMENT';

/** `ScoreAdjusted` for this period: a line item in its category (or the bonus category) for its subject. */
export function scoreAdjustments(ctx: MonthContext, sink: ItemSink): void {
  for (const rec of ctx.bucket.adjustments) {
    const data = rec.e.data;
    const cents = toCents(data.points);
    if (cents === 0) continue;
    sink.add({
      subjectType: data.subject.type,
      subjectId: data.subject.id,
      ruleCode: ADJUSTMENT_CODE,
      ruleVersion: null,
      category: data.category,
      cents,
      eventIds: [rec.id],
      veto: false,
      note: data.reason,
      seed: rec.id,
    });
  }
}
