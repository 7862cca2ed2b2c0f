import { catalogueSettings } from '@hall/contracts';
import type { CatalogueSettings, LineItem, Metrics, RankingEntry, ScoreDocument, WindowKind } from '@hall/contracts';
import type { PublishedMonth } from './published-month.ts';

/** Builders for the assessment tests: only what the assessment reads is meaningful. */

// Parsed, so settings this helper does not spell out take their defaults.
export const settings: CatalogueSettings = catalogueSettings.parse({
  lateEarlyHalfDayMinutes: 30,
  offPostHalfDayMinutes: 30,
  suspiciousRatingGapSeconds: 3,
  substitute: { twoStaffMoreThanDays: 1, anyStaffMoreThanDays: 5 },
  collectingDays: 7,
  objectionDays: 3,
  honours: { redFlagShare: 0.15, totalShare: 0.3 },
  personal: {
    weights: { peerReview: 0.3, satisfaction: 0.3, monthlyMean: 0.4 },
    excellentMin: 95,
    excellentQuota: 0.2,
    competentMin: 75,
    basicallyCompetentMin: 70,
    stars: 10,
  },
  annual: { bottomApprovalWindows: 3, departmentThreshold: 98, departmentPointsPerPoint: 0.1 },
});

function metrics(over: Partial<Metrics> = {}): Metrics {
  return {
    ticketsCompleted: 0,
    casesAccepted: 0,
    casesCompleted: 0,
    casesOverdue: 0,
    avgWaitSeconds: null,
    p90WaitSeconds: null,
    avgServiceSeconds: null,
    p90ServiceSeconds: null,
    ratingRate: null,
    satisfactionRate: over.ratingsCounted ? (over.goodRatings ?? 0) / over.ratingsCounted : null,
    ratingsCounted: 0,
    goodRatings: 0,
    badRatings: 0,
    validComplaints: 0,
    peerReviewGoodShare: null,
    ...over,
  };
}

export function lineItem(points: number, over: Partial<LineItem> = {}): LineItem {
  return {
    id: `li-${points}-${over.ruleCode ?? 'X'}`,
    ruleCode: 'CON_BADGE_UNIFORM',
    ruleVersion: 1,
    category: 'attendance',
    points,
    eventIds: [],
    status: 'counted',
    veto: false,
    ...over,
  };
}

export interface WindowSpec {
  id: string;
  total: number;
  kind?: WindowKind;
  departmentId?: string;
  veto?: boolean;
  good?: number;
  counted?: number;
  tickets?: number;
  lineItems?: LineItem[];
}

export interface StaffSpec {
  id: string;
  total: number;
  windowIds?: string[];
  departmentId?: string;
  veto?: boolean;
  good?: number;
  counted?: number;
  lineItems?: LineItem[];
}

export function windowDocument(period: string, w: WindowSpec): ScoreDocument {
  return {
    subject: { type: 'window', id: w.id },
    period,
    stage: 'final',
    version: 2,
    total: w.total,
    veto: w.veto ?? false,
    categories: [],
    bonus: { earned: 0, counted: 0, cap: 5 },
    lineItems: w.lineItems ?? [],
    metrics: metrics({ ratingsCounted: w.counted ?? 0, goodRatings: w.good ?? 0, ticketsCompleted: w.tickets ?? 0 }),
    kind: w.kind ?? 'approval',
    departmentId: w.departmentId ?? 'd-1',
  };
}

export function staffDocument(period: string, s: StaffSpec): ScoreDocument {
  return {
    subject: { type: 'staff', id: s.id },
    period,
    stage: 'final',
    version: 2,
    total: s.total,
    veto: s.veto ?? false,
    categories: [],
    bonus: { earned: 0, counted: 0, cap: 5 },
    lineItems: s.lineItems ?? [],
    metrics: metrics({ ratingsCounted: s.counted ?? 0, goodRatings: s.good ?? 0 }),
    departmentId: s.departmentId ?? 'd-1',
    windowIds: s.windowIds ?? ['w-1'],
  };
}

export function month(
  period: string,
  content: { windows?: WindowSpec[]; staff?: StaffSpec[]; redFlags?: string[]; final?: boolean },
): PublishedMonth {
  const entry = (windowId: string): RankingEntry => ({ windowId, rank: 1, total: 100, honour: 'red_flag', veto: false });
  return {
    period,
    final: content.final ?? true,
    windows: (content.windows ?? []).map((w) => windowDocument(period, w)),
    staff: (content.staff ?? []).map((s) => staffDocument(period, s)),
    rankings: { approval: (content.redFlags ?? []).map(entry), public_service: [] },
  };
}

/** The twelve months of `year`, each built by `content(period)`. */
export function wholeYear(year: string, content: (period: string, index: number) => Parameters<typeof month>[1]): PublishedMonth[] {
  return Array.from({ length: 12 }, (_, i) => {
    const period = `${year}-${String(i + 1).padStart(2, '0')}`;
    return month(period, content(period, i));
  });
}
