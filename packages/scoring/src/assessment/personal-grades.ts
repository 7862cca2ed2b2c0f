import type { CatalogueSettings, PersonalGrade } from '@hall/contracts';
import { compareFractions, decimalToFraction, fraction, placesFor } from '../ranking/exact.ts';

export interface GradeCandidate {
  staffId: string;
  /** Annual score in exact hundredths. */
  annualCents: bigint;
  /** A counted veto in the year: never excellent, takes no quota place. */
  veto: boolean;
}

export interface Grades {
  grades: Map<string, PersonalGrade>;
  /** The excellent quota in places: round_half_up(N × excellentQuota), N = staff with an annual score. */
  quota: number;
  excellentQuotaExceededByTie: boolean;
}

/**
 * Annual personal grades (docs/domain.md §8). Excellent needs at least `excellentMin` and a
 * place within the quota, highest first; vetoed staff are skipped (they take no
 * place) and staff tied with the last place all get excellent. The rest are graded
 * on the thresholds alone: competent, basically competent, incompetent.
 */
export function gradeStaff(candidates: readonly GradeCandidate[], settings: Pick<CatalogueSettings, 'personal'>): Grades {
  const { personal } = settings;
  const atLeast = (cents: bigint, threshold: number) =>
    compareFractions(fraction(cents, 100n), decimalToFraction(threshold)) >= 0;
  const quota = placesFor(candidates.length, personal.excellentQuota);
  const contenders = candidates
    .filter((c) => !c.veto && atLeast(c.annualCents, personal.excellentMin))
    .sort((a, b) => (a.annualCents === b.annualCents ? 0 : a.annualCents > b.annualCents ? -1 : 1));
  const excellent = new Set<string>();
  let lastCents: bigint | null = null;
  for (const contender of contenders) {
    if (excellent.size >= quota && contender.annualCents !== lastCents) break;
    excellent.add(contender.staffId);
    lastCents = contender.annualCents;
  }
  const grades = new Map<string, PersonalGrade>();
  for (const c of candidates) {
    grades.set(
      c.staffId,
      excellent.has(c.staffId)
        ? 'excellent'
        : atLeast(c.annualCents, personal.competentMin)
          ? 'competent'
          : atLeast(c.annualCents, personal.basicallyCompetentMin)
            ? 'basically_competent'
            : 'incompetent',
    );
  }
  return { grades, quota, excellentQuotaExceededByTie: excellent.size > quota };
}
