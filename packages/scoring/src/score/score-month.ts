import type { AssessmentEvent, LineItem, PeriodStage, RatingStatus, Rankings, ScoreDocument } from '@hall/contracts';
import { type HallModel, buildHallModel } from '../model/hall-model.ts';
import { latest } from '../model/records.ts';
import { type MonthContext, monthContext } from './month-context.ts';
import { type DraftItem, ItemSink, lineItemId } from './line-item.ts';
import { MetricsAcc, MetricsBook } from './metrics-book.ts';
import { RatingJudge } from './rating-judge.ts';
import { type SubjectTotals, subjectTotals } from './subject-totals.ts';
import { scoredWindows, staffDepartment, staffWindowsInMonth } from './subjects.ts';
import { scoreFindings } from '../rules/findings.rule.ts';
import { scoreAttendance } from '../rules/attendance.rule.ts';
import { scoreLeaves } from '../rules/leave.rule.ts';
import { scoreCases } from '../rules/cases.rule.ts';
import { measureTickets } from '../rules/tickets.metrics.ts';
import { scoreRatings } from '../rules/ratings.rule.ts';
import { scoreComplaints } from '../rules/complaints.rule.ts';
import { scoreCommendations } from '../rules/commendations.rule.ts';
import { scoreAdjustments } from '../rules/adjustments.rule.ts';
import { measurePeerReviews } from '../rules/peer-reviews.metrics.ts';
import { scorePeriodMetrics } from '../rules/period-metric.rule.ts';
import { scoreBadRatingOverdue } from '../rules/bad-rating-overdue.rule.ts';
import { countDefaultRatings } from '../rules/default-ratings.metrics.ts';
import { foldBadRatingCases } from '../bad-ratings/fold-cases.ts';
import { type BadRatingRates, type CaseRates, caseRates, rateOf } from '../bad-ratings/bad-rating-metrics.ts';
import { type RankCandidate, rankWindows } from '../ranking/rank-windows.ts';

/** One month of one hall: every scored window and staff member, the rankings and the month's rating verdicts. */
export interface MonthScores {
  period: string;
  windows: ScoreDocument[];
  staff: ScoreDocument[];
  rankings: Rankings;
  ratings: RatingStatus[];
  /** The catalogue version in force on the month's last day (bases, caps, period rules). */
  catalogueVersion: number;
}

export interface ScoreMonthOptions {
  /** Stage written into the documents; default `open`. */
  stage?: PeriodStage;
  /** Published version written into the documents; default null. */
  version?: number | null;
  /**
   * Event ids of ratings that carried contact data (实名), for 实名差评回访率:
   * the store keeps contacts apart, so the caller says which ratings had one
   * (a rating whose data still holds `contact` is 实名 as well).
   */
  namedRatings?: ReadonlySet<string>;
}

/**
 * Scores one month `YYYY-MM` of a hall from its history (any arrival order).
 * Pure: the same events always give the same documents and line item ids.
 *
 * @example scoreMonth(events, '2026-09', { stage: 'final', version: 2 }).windows[0].total // 93.5
 */
export function scoreMonth(events: readonly AssessmentEvent[], period: string, options: ScoreMonthOptions = {}): MonthScores {
  return scoreMonthFromModel(buildHallModel(events), period, options);
}

/** `scoreMonth` over a model kept by `buildHallModel` / `applyEvent`. */
export function scoreMonthFromModel(model: HallModel, period: string, options: ScoreMonthOptions = {}): MonthScores {
  const ctx = monthContext(model, period);
  const sink = new ItemSink();
  const book = new MetricsBook();
  const judge = new RatingJudge(model, ctx.timeline);

  scoreFindings(ctx, sink);
  scoreAttendance(ctx, sink);
  scoreLeaves(ctx, sink);
  scoreCases(ctx, sink, book);
  measureTickets(ctx, book, judge);
  const ratings = scoreRatings(ctx, sink, book, judge);
  countDefaultRatings(ctx, book, judge);
  scoreComplaints(ctx, sink, book);
  scoreCommendations(ctx, sink);
  scoreAdjustments(ctx, sink);
  scoreBadRatingOverdue(ctx, sink);
  measurePeerReviews(ctx, book);

  const windows = scoredWindows(ctx);
  for (const w of windows) scorePeriodMetrics(ctx, sink, w.windowId, book.windows.get(w.windowId) ?? new MetricsAcc());

  const folded = foldBadRatingCases(model, { period, withoutDeadlines: true, ...(options.namedRatings ? { namedRatings: options.namedRatings } : {}) });
  const cases = caseRates(folded, period);

  const stage = options.stage ?? 'open';
  const version = options.version ?? null;
  const document = (type: 'window' | 'staff', id: string, items: readonly DraftItem[], metrics: MetricsAcc | undefined) => {
    const built = buildDocument(ctx, type, id, items, metrics, stage, version);
    // Nothing of the score reads the rates: totals, line items and rankings stay as they were (decision 1721).
    built.doc.badRatingRates = documentRates(metrics ?? new MetricsAcc(), (type === 'window' ? cases.windows : cases.staff).get(id));
    return built;
  };

  const candidates: RankCandidate[] = [];
  const windowDocs: ScoreDocument[] = windows.map((w) => {
    const { doc, totals } = document('window', w.windowId, sink.windows.get(w.windowId) ?? [], book.windows.get(w.windowId));
    doc.kind = w.kind;
    doc.departmentId = w.departmentId;
    candidates.push({
      windowId: w.windowId,
      kind: w.kind,
      totalCents: totals.total,
      veto: totals.veto,
      satisfactionRate: doc.metrics.satisfactionRate,
      deductionItems: totals.deductionItems,
      ticketsCompleted: doc.metrics.ticketsCompleted,
    });
    return doc;
  });

  const staffWindows = staffWindowsInMonth(ctx);
  const staffIds = new Set<string>([...staffWindows.keys(), ...sink.staff.keys()]);
  const staffDocs = [...staffIds].sort().map((staffId) => {
    const { doc } = document('staff', staffId, sink.staff.get(staffId) ?? [], book.staff.get(staffId));
    doc.departmentId = staffDepartment(ctx, staffId);
    doc.windowIds = staffWindows.get(staffId) ?? [];
    return doc;
  });

  return {
    period,
    windows: windowDocs,
    staff: staffDocs,
    rankings: rankWindows(candidates, ctx.monthCatalogue.source.settings.honours),
    ratings,
    catalogueVersion: ctx.monthCatalogue.version,
  };
}

/**
 * The bad-rating rates of one document (docs/domain.md §5): 差评率 and 主动评价率
 * from the month's counts (ratings people gave: default ratings taken back
 * out), the case rates from the month's cases. Equal to `badRatingRates`.
 */
function documentRates(acc: MetricsAcc, cases: CaseRates | undefined): BadRatingRates {
  return {
    badRatingRate: rateOf(acc.badRatings - acc.defaultBadRatings, acc.ratingsCounted - acc.defaultRatings),
    rectificationRate: cases?.rectificationRate ?? rateOf(0, 0),
    namedCallbackRate: cases?.namedCallbackRate ?? rateOf(0, 0),
    activeRatingRate: rateOf(acc.ratedTickets, acc.ticketsCompleted),
  };
}

function buildDocument(
  ctx: MonthContext,
  type: 'window' | 'staff',
  id: string,
  drafts: readonly DraftItem[],
  metrics: MetricsAcc | undefined,
  stage: PeriodStage,
  version: number | null,
): { doc: ScoreDocument; totals: SubjectTotals } {
  const counted: DraftItem[] = [];
  const lineItems: LineItem[] = [];
  const orders: number[] = [];
  const categoryOrder = new Map<string, number>();
  for (const code of ctx.monthCatalogue.bases.keys()) categoryOrder.set(code, categoryOrder.size);
  categoryOrder.set(ctx.monthCatalogue.bonusCategory, categoryOrder.size);
  for (const draft of drafts) {
    const itemId = lineItemId(draft, ctx.period);
    const decision = ctx.model.appealDecisions.size === 0 ? undefined : latest(ctx.model.appealDecisions.get(itemId));
    const voided = decision?.e.data.upheld === true;
    if (!voided) counted.push(draft);
    const item: LineItem = {
      id: itemId,
      ruleCode: draft.ruleCode,
      ruleVersion: draft.ruleVersion,
      category: draft.category,
      points: draft.cents / 100,
      // Each draft holds its own array (ItemSink.fire copies for the staff item): no copy here.
      eventIds: draft.eventIds as string[],
      status: voided ? 'voided' : 'counted',
      veto: draft.veto,
    };
    if (draft.note !== undefined) item.note = draft.note;
    orders.push(categoryOrder.get(draft.category) ?? categoryOrder.size);
    lineItems.push(item);
  }
  const byOrder = lineItems.map((_, i) => i);
  byOrder.sort((i, j) => {
    const a = lineItems[i];
    const b = lineItems[j];
    return (
      orders[i] - orders[j] ||
      (a.category < b.category ? -1 : a.category > b.category ? 1 : 0) ||
      (a.ruleCode < b.ruleCode ? -1 : a.ruleCode > b.ruleCode ? 1 : 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    );
  });
  const sortedItems = byOrder.map((i) => lineItems[i]);
  const totals = subjectTotals(counted, ctx.monthCatalogue, ctx.timeline);
  const doc: ScoreDocument = {
    subject: { type, id },
    period: ctx.period,
    stage,
    version,
    total: totals.total / 100,
    veto: totals.veto,
    categories: totals.categories.map((c) => ({ code: c.code, base: c.base / 100, lost: (c.base - c.score) / 100, score: c.score / 100 })),
    bonus: { earned: totals.bonusEarned / 100, counted: totals.bonusCounted / 100, cap: totals.bonusCap / 100 },
    lineItems: sortedItems,
    metrics: (metrics ?? new MetricsAcc()).toMetrics(type === 'window'),
  };
  return { doc, totals };
}
