import { createHash } from 'node:crypto';
import type { Rule } from '@hall/contracts';

export type SubjectType = 'window' | 'staff';

/** A line item before its id and status: points in hundredths. */
export interface DraftItem {
  readonly subjectType: SubjectType;
  readonly subjectId: string;
  readonly ruleCode: string;
  readonly ruleVersion: number | null;
  readonly category: string;
  readonly cents: number;
  readonly eventIds: readonly string[];
  readonly veto: boolean;
  readonly note: string | undefined;
  /** What, besides subject, period and rule, makes this item unique (sorted event ids, a finding's index …). */
  readonly seed: string;
}

/**
 * A stable line item id: the same subject, period, rule and facts give the
 * same id whatever order the events arrived in, so an appeal keeps pointing
 * at it across recomputations.
 */
export function lineItemId(item: DraftItem, period: string): string {
  const digest = createHash('sha256')
    .update(`${item.subjectType}\u0000${item.subjectId}\u0000${period}\u0000${item.ruleCode}\u0000${item.seed}`)
    .digest('hex');
  return `li-${digest.slice(0, 40)}`;
}

/** Collects the line items of one month per subject. */
export class ItemSink {
  readonly windows = new Map<string, DraftItem[]>();
  readonly staff = new Map<string, DraftItem[]>();

  add(item: DraftItem): void {
    const map = item.subjectType === 'window' ? this.windows : this.staff;
    const list = map.get(item.subjectId);
    if (list) list.push(item);
    else map.set(item.subjectId, [item]);
  }

  /**
   * One firing of a rule: an item for the window, and for the staff member
   * when the rule targets both and the facts name one (SPEC §4.1 W+S).
   * `eventIds` go into the id seed unless `seed` is given.
   */
  fire(
    rule: Rule,
    version: number,
    cents: number,
    windowId: string,
    staffId: string | null | undefined,
    eventIds: string[],
    options: { veto?: boolean; note?: string; seed?: string } = {},
  ): void {
    if (cents === 0) return;
    const sorted = eventIds.length > 1 ? [...eventIds].sort() : eventIds;
    const seed = options.seed ?? sorted.join(',');
    const base = {
      ruleCode: rule.code,
      ruleVersion: version,
      category: rule.category,
      cents,
      eventIds: sorted,
      veto: options.veto ?? rule.veto === 'always',
      note: options.note ?? rule.name,
      seed,
    };
    this.add({ subjectType: 'window', subjectId: windowId, ...base });
    if (rule.targets === 'window_and_staff' && staffId) this.add({ subjectType: 'staff', subjectId: staffId, ...base });
  }
}
