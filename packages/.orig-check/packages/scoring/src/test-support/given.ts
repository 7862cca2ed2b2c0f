import type { AssessmentEvent, LineItem, ScoreDocument } from '@hall/contracts';
import { type MonthScores, type ScoreMonthOptions, scoreMonth } from '../score/score-month.ts';

/** What a scored month lets a test read. */
export interface Then {
  readonly scores: MonthScores;
  window(id: string): ScoreDocument;
  staff(id: string): ScoreDocument;
  /** Line items of a subject (`w1` is a window, `s1` a staff member by prefix), optionally of one rule. */
  items(subject: string, ruleCode?: string): LineItem[];
  /** Σ points of a subject's counted items of a rule. */
  points(subject: string, ruleCode: string): number;
}

/**
 * given(events).when('2026-09') → then: the scoring given/when/then (habit 10).
 * Subjects whose id starts with `s` are staff; others are windows.
 */
export function given(...events: (AssessmentEvent | AssessmentEvent[])[]) {
  const history = events.flat();
  return {
    when(period = '2026-09', options?: ScoreMonthOptions): Then {
      const scores = scoreMonth(history, period, options);
      const find = (list: ScoreDocument[], id: string) => {
        const doc = list.find((d) => d.subject.id === id);
        if (!doc) throw new Error(`no score document for ${id} in ${period}`);
        return doc;
      };
      const doc = (id: string) => (id.startsWith('s') ? find(scores.staff, id) : find(scores.windows, id));
      const items = (subject: string, ruleCode?: string) =>
        doc(subject).lineItems.filter((i) => ruleCode === undefined || i.ruleCode === ruleCode);
      return {
        scores,
        window: (id) => find(scores.windows, id),
        staff: (id) => find(scores.staff, id),
        items,
        points: (subject, ruleCode) =>
          Math.round(items(subject, ruleCode).filter((i) => i.status === 'counted').reduce((sum, i) => sum + i.points * 100, 0)) / 100,
      };
    },
  };
}
