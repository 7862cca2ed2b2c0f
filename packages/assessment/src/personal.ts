import { assessQuarter, assessYear, monthsOfQuarter, monthsOfYear, catalogueAt, type PeerReviewScore, type PublishedMonth } from '@hall/scoring';
import type { HallStates } from './hall-states.ts';
import { readEventsOfTypes } from '@hall/event-store';
import { toAssessmentEvent } from './hall-state.ts';
import { storedFacts, type StoredFacts } from './stored-facts.ts';
import { readVersion } from './reads.ts';

/** The latest version of every final month of a span, as the pure assessment wants it. */
async function finalMonths(a: HallStates, state: StoredFacts, months: readonly string[]): Promise<PublishedMonth[]> {
  const out: PublishedMonth[] = [];
  for (const period of months) {
    const periodState = state.period(period);
    const latest = periodState.versions.at(-1);
    if (periodState.stage !== 'final' || !latest) continue;
    const row = await readVersion(a, state.hall.hallId, period, latest.version);
    if (!row) continue;
    out.push({ period, final: true, windows: row.windows, staff: row.staff, rankings: row.rankings });
  }
  return out;
}

/** Every 民主测评 score of the hall, read from the store (index events_hall_type_read), not from a scan of the history. */
async function peerReviewScores(a: HallStates, hallId: string): Promise<PeerReviewScore[]> {
  const out: PeerReviewScore[] = [];
  for (const stored of await readEventsOfTypes(a.db, hallId, ['StaffPeerReviewScored'])) {
    const event = toAssessmentEvent(stored);
    if (event.type === 'StaffPeerReviewScored') {
      out.push({ staffId: event.data.staffId, quarter: event.data.quarter, score: event.data.score, occurredAt: event.occurredAt, eventId: event.id });
    }
  }
  return out;
}

/** Months of a span within the hall's assessment: a month before the hall started is not "missing". */
function expected(state: StoredFacts, months: readonly string[]): string[] {
  const start = state.hall.assessmentStartsOn.slice(0, 7);
  return months.filter((m) => m >= start);
}

function settingsFor(state: StoredFacts, lastMonth: string) {
  return catalogueAt(state.catalogueList(), `${lastMonth}-28`).settings;
}

export async function quarterDocument(a: HallStates, hallId: string, quarter: string) {
  // Stored month results and events by type: the document never projects (decision 1424).
  const state = await storedFacts(a, hallId, { catalogues: true, periods: true });
  const months = monthsOfQuarter(quarter);
  return assessQuarter({
    quarter,
    months: await finalMonths(a, state, months),
    peerReviewScores: await peerReviewScores(a, hallId),
    settings: settingsFor(state, months[2]!),
    expectedMonths: expected(state, months),
  });
}

export async function yearDocument(a: HallStates, hallId: string, year: string) {
  // Stored month results and events by type: the document never projects (decision 1424).
  const state = await storedFacts(a, hallId, { catalogues: true, periods: true });
  const months = monthsOfYear(year);
  return assessYear({
    year,
    months: await finalMonths(a, state, months),
    peerReviewScores: await peerReviewScores(a, hallId),
    settings: settingsFor(state, months[11]!),
    expectedMonths: expected(state, months),
  });
}
