import * as crypto from 'node:crypto';
import type { Rule } from '@hall/contracts';
import { sortStrings } from '../model/sorting.ts';

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
export function lineItemId(item: Pick<DraftItem, 'subjectType' | 'subjectId' | 'ruleCode' | 'seed'>, period: string): string {
  const text = `${item.subjectType}\u0000${item.subjectId}\u0000${period}\u0000${item.ruleCode}\u0000${item.seed}`;
  return `li-${sha256Hex(text).slice(0, 40)}`;
}

/** Node ≥ 20.12 has a one-shot `crypto.hash`; older ones go through a Hash object (same digest). */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** SHA-256 of a UTF-8 string, as hex: the root of every id the service derives. */
export function sha256Hex(text: string): string {
  return oneShot ? oneShot('sha256', text, 'hex') : crypto.createHash('sha256').update(text).digest('hex');
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
   * when the rule targets both and the facts name one (docs/domain.md §4.1 W+S).
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
    // `eventIds` is the caller's fresh array: sorted in place, held by the window's item (the staff item gets a copy).
    const sorted = sortStrings(eventIds);
    const seed = options.seed ?? sorted.join(',');
    const veto = options.veto ?? rule.veto === 'always';
    const note = options.note ?? rule.name;
    this.add({
      subjectType: 'window',
      subjectId: windowId,
      ruleCode: rule.code,
      ruleVersion: version,
      category: rule.category,
      cents,
      eventIds: sorted,
      veto,
      note,
      seed,
    });
    if (rule.targets === 'window_and_staff' && staffId) {
      this.add({
        subjectType: 'staff',
        subjectId: staffId,
        ruleCode: rule.code,
        ruleVersion: version,
        category: rule.category,
        cents,
        eventIds: sorted.slice(),
        veto,
        note,
        seed,
      });
    }
  }
}
