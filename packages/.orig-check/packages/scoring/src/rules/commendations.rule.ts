import type { MonthContext } from '../score/month-context.ts';
import type { ItemSink } from '../score/line-item.ts';
import { rulesFor, toCents } from '../catalogue/compiled-catalogue.ts';
import { earliest } from '../model/records.ts';

/** `CommendationRecorded` earns the `commendation` rule of its kind (W+S); a commendation id counts once. */
export function scoreCommendations(ctx: MonthContext, sink: ItemSink): void {
  for (const rec of ctx.bucket.commendations) {
    const data = rec.e.data;
    if (earliest(ctx.model.commendations.get(data.commendationId)) !== rec) continue;
    const catalogue = ctx.timeline.at(rec.day);
    for (const rule of rulesFor(catalogue, 'commendation')) {
      if (rule.commendationKind !== data.kind || rule.computation.kind !== 'per_occurrence') continue;
      sink.fire(rule, catalogue.version, toCents(rule.computation.points), data.windowId, data.staffId, [rec.id], {
        note: data.note ?? rule.name,
      });
    }
  }
}
