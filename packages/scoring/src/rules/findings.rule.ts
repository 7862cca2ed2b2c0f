import type { MonthContext } from '../score/month-context.ts';
import type { ItemSink } from '../score/line-item.ts';
import { occurrencePoints } from './occurrence-points.ts';

/**
 * `InspectionRecorded`: each finding costs its rule's points × `count`, under
 * the version in force on the inspection's day. Codes that version does not
 * know are ignored (the API rejects them anyway).
 */
export function scoreFindings(ctx: MonthContext, sink: ItemSink): void {
  for (const rec of ctx.bucket.inspections) {
    const catalogue = ctx.timeline.at(rec.day);
    const findings = rec.e.data.findings;
    for (let i = 0; i < findings.length; i++) {
      const finding = findings[i];
      const rule = catalogue.byCode.get(finding.ruleCode);
      // A rule switched off in this version fires nothing, whoever names it.
      if (!rule || rule.enabled === false) continue;
      const points = occurrencePoints(rule);
      if (points === null) continue;
      sink.fire(rule, catalogue.version, points * (finding.count ?? 1), finding.windowId, finding.staffId, [rec.id], {
        note: finding.note ?? rule.name,
        seed: `${rec.id}#${i}`,
      });
    }
  }
}
