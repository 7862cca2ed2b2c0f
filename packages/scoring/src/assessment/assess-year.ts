import type { CatalogueSettings, YearDocument, YearStaffAssessment } from '@hall/contracts';
import { roundHalfUpInteger } from '../ranking/exact.ts';
import { assessAnnualWindows, toExactCents } from './annual-windows.ts';
import { assessQuarterExact } from './assess-quarter.ts';
import { departmentsToNotify } from './departments-to-notify.ts';
import { gradeStaff } from './personal-grades.ts';
import {
  compareIds,
  monthsOfQuarter,
  monthsOfYear,
  quartersOfYear,
  selectSpan,
  type PeerReviewScore,
  type PublishedMonth,
} from './published-month.ts';
import { chooseStars } from './service-stars.ts';

export interface AssessYearInput {
  /** `YYYY` */
  year: string;
  /** Months of the year that exist (others are ignored); non-final ones are left out. */
  months: readonly PublishedMonth[];
  peerReviewScores: readonly PeerReviewScore[];
  settings: Pick<CatalogueSettings, 'honours' | 'personal' | 'annual'>;
  /**
   * Months of the year within the hall's assessment (default: all twelve). One of
   * them not passed in as final makes the document provisional.
   */
  expectedMonths?: readonly string[];
}

/**
 * The annual assessment (docs/domain.md §7, §8): window scores, ranks and honours; personal
 * scores (mean of the rounded quarterly scores) and grades; the ten service stars;
 * the departments to notify. Built from the final months only.
 */
export function assessYear(input: AssessYearInput): YearDocument {
  const { year, months, peerReviewScores, settings, expectedMonths } = input;
  const span = selectSpan(monthsOfYear(year), months, expectedMonths);

  const quarterCents = new Map<string, bigint[]>();
  for (const quarter of quartersOfYear(year)) {
    const inQuarter = new Set(monthsOfQuarter(quarter));
    const { staff } = assessQuarterExact({
      quarter,
      months: span.finalMonths.filter((m) => inQuarter.has(m.period)),
      peerReviewScores,
      settings,
      expectedMonths: [],
    });
    for (const { assessment } of staff) {
      if (assessment.total === null) continue;
      // The annual mean is over the rounded quarterly scores (docs/domain.md §8).
      const cents = toExactCents(assessment.total);
      quarterCents.set(assessment.staffId, [...(quarterCents.get(assessment.staffId) ?? []), cents]);
    }
  }

  const vetoed = new Set<string>();
  const departments = new Map<string, string | null>();
  for (const month of span.finalMonths) {
    for (const document of month.staff) {
      const staffId = document.subject.id;
      if (document.veto || document.lineItems.some((i) => i.veto && i.status === 'counted')) vetoed.add(staffId);
      departments.set(staffId, document.departmentId ?? departments.get(staffId) ?? null);
    }
  }

  const candidates = [...quarterCents].map(([staffId, cents]) => ({
    staffId,
    annualCents: roundHalfUpInteger(
      cents.reduce((a, b) => a + b, 0n),
      BigInt(cents.length),
    ),
    veto: vetoed.has(staffId),
  }));
  const { grades, excellentQuotaExceededByTie } = gradeStaff(candidates, settings);

  const windows = assessAnnualWindows(span.finalMonths, settings);
  const annualRedFlags = new Set(windows.filter((w) => w.honour === 'red_flag').map((w) => w.windowId));
  const stars = chooseStars(
    candidates.filter((c) => grades.get(c.staffId) === 'excellent'),
    span.finalMonths,
    annualRedFlags,
    settings.personal.stars,
  );

  const staff: YearStaffAssessment[] = candidates
    .sort((a, b) => (a.annualCents === b.annualCents ? compareIds(a.staffId, b.staffId) : a.annualCents > b.annualCents ? -1 : 1))
    .map((c) => ({ staffId: c.staffId, annualScore: Number(c.annualCents) / 100, grade: grades.get(c.staffId)! }));

  const notify = departmentsToNotify(
    windows,
    staff.map((s) => ({ staffId: s.staffId, grade: s.grade, departmentId: departments.get(s.staffId) ?? null })),
    settings,
  );

  return {
    year,
    provisional: span.provisional,
    windows: windows.map(({ windowId, kind, annualScore, months: count, rank, honour, veto }) => ({
      windowId,
      kind,
      annualScore,
      months: count,
      rank,
      honour,
      veto,
    })),
    staff,
    excellentQuotaExceededByTie,
    stars,
    notify,
  };
}
