import { compareIds, isAssigned, type PublishedMonth } from './published-month.ts';

/** A staff member graded excellent (so never vetoed), with the annual score in exact hundredths. */
export interface StarCandidate {
  staffId: string;
  annualCents: bigint;
}

/**
 * Ten service stars (docs/domain.md §8): the `stars` highest annual scores among the
 * excellent staff who, in a final month of the year, were assigned to a window
 * that got the red flag that month, or to a window that got the annual red flag.
 * Staff tied with the last place are all included. Highest first, then staffId.
 */
export function chooseStars(
  excellent: readonly StarCandidate[],
  finalMonths: readonly PublishedMonth[],
  annualRedFlags: ReadonlySet<string>,
  places: number,
): string[] {
  const eligible = new Set<string>();
  for (const month of finalMonths) {
    const monthlyRedFlags = new Set(
      [...month.rankings.approval, ...month.rankings.public_service]
        .filter((entry) => entry.honour === 'red_flag')
        .map((entry) => entry.windowId),
    );
    for (const document of month.staff) {
      if (!isAssigned(document)) continue;
      if (document.windowIds!.some((w) => monthlyRedFlags.has(w) || annualRedFlags.has(w))) {
        eligible.add(document.subject.id);
      }
    }
  }
  const ordered = excellent
    .filter((c) => eligible.has(c.staffId))
    .sort((a, b) => (a.annualCents === b.annualCents ? compareIds(a.staffId, b.staffId) : a.annualCents > b.annualCents ? -1 : 1));
  const stars: string[] = [];
  let lastCents: bigint | null = null;
  for (const candidate of ordered) {
    if (stars.length >= places && candidate.annualCents !== lastCents) break;
    stars.push(candidate.staffId);
    lastCents = candidate.annualCents;
  }
  return stars;
}
