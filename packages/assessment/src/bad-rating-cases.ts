import type { BadRatingCaseDetail, BadRatingCaseStatusName, BadRatingCaseView } from '@hall/contracts';
import { caseStatus, foldBadRatingCases, type BadRatingCase, type CaseStepState } from '@hall/scoring';
import type { HallState } from './hall-state.ts';
import { fail, succeed, type Outcome } from './outcome.ts';

/*
 * The bad-rating cases (差评整改) read from a hall's in-memory state: folded
 * from the history by the pure core, so they could move onto a projection
 * table without changing these functions' answers.
 */

const folded = new WeakMap<HallState, { position: number; cases: BadRatingCase[]; byId: Map<string, BadRatingCase> }>();

/** Every case of the hall as of the state's position; folded once per position. */
export function hallBadRatingCases(state: HallState): BadRatingCase[] {
  return foldedOf(state).cases;
}

function foldedOf(state: HallState) {
  const seen = folded.get(state);
  if (seen && seen.position === state.position) return seen;
  const cases = foldBadRatingCases(state.model, { namedRatings: state.namedRatings });
  const entry = { position: state.position, cases, byId: new Map(cases.map((c) => [c.caseId, c])) };
  folded.set(state, entry);
  return entry;
}

export function findBadRatingCase(state: HallState, caseId: string): BadRatingCase | undefined {
  return foldedOf(state).byId.get(caseId);
}

export interface BadRatingCaseFilter {
  period?: string;
  windowId?: string;
  status?: BadRatingCaseStatusName;
}

/** The cases matching `filter`, by rating time, with statuses and flags as of `now`. */
export function listBadRatingCases(state: HallState, filter: BadRatingCaseFilter, now: Date): { asOf: string; cases: BadRatingCaseView[] } {
  const nowT = now.getTime();
  const cases = hallBadRatingCases(state)
    .filter((c) => (filter.period === undefined || c.period === filter.period) && (filter.windowId === undefined || c.windowId === filter.windowId))
    .map((c) => caseView(c, nowT))
    .filter((c) => filter.status === undefined || c.status === filter.status);
  return { asOf: now.toISOString(), cases };
}

/** One case with its timeline; NOT_FOUND when the hall has no such case. */
export function badRatingCaseDetail(state: HallState, caseId: string, now: Date): Outcome<BadRatingCaseDetail> {
  const c = findBadRatingCase(state, caseId);
  if (!c) return fail('NOT_FOUND', `Unknown bad-rating case ${caseId}`);
  const timeline = c.timeline.map((entry) => {
    const event = state.eventById(entry.eventId);
    const data = (event?.data ?? {}) as Record<string, unknown>;
    const outcome =
      typeof data.outcome === 'string' ? data.outcome : typeof data.resolution === 'string' ? data.resolution : typeof data.upheld === 'boolean' ? (data.upheld ? 'upheld' : 'rejected') : undefined;
    return {
      eventId: entry.eventId,
      kind: entry.type,
      occurredAt: entry.at,
      clientId: event?.clientId ?? 'system',
      ...(outcome === undefined ? {} : { outcome }),
      ...(typeof data.level === 'number' ? { level: data.level } : {}),
      ignored: entry.ignored === true,
    };
  });
  return succeed({ ...caseView(c, now.getTime()), asOf: now.toISOString(), timeline });
}

export function caseView(c: BadRatingCase, nowT: number): BadRatingCaseView {
  // A step's clock stops when it is done, the case closed, or its rating voided.
  const stopT = Math.min(c.closed?.t ?? Infinity, c.voided?.t ?? Infinity);
  return {
    caseId: c.caseId,
    status: caseStatus(c, nowT),
    ratingEventId: c.ratingEventId,
    ratingId: c.ratingId,
    windowId: c.windowId,
    staffId: c.staffId,
    level: c.level,
    reasons: [...c.reasons],
    named: c.named,
    period: c.period,
    openedAt: c.openedAt,
    catalogueVersion: c.catalogueVersion,
    contact: c.contact ? stepView(c.contact, nowT, stopT) : null,
    rectification: stepView(c.rectification, nowT, stopT),
    planned: c.planned,
    followUp: c.followUp,
    closed: c.closed ? { eventId: c.closed.eventId, at: c.closed.at, resolution: c.closed.resolution } : null,
    voided: c.voided ? { eventId: c.voided.eventId, at: new Date(c.voided.t).toISOString(), by: c.voided.by } : null,
  };
}

function stepView(step: CaseStepState, nowT: number, caseStopT: number) {
  // As the scheduler decides its marks: the instant has come, and the step was not stopped before it.
  const stopT = Math.min(step.done?.t ?? Infinity, caseStopT);
  const passed = (t: number) => t <= nowT && stopT > t;
  return {
    step: step.step,
    dueAt: step.dueAt,
    warnAt: step.warnAt,
    warned: step.warningEventId !== null || passed(step.warnT),
    overdue: step.overdueEventId !== null || passed(step.dueT),
    doneAt: step.done?.at ?? null,
    doneEventId: step.done?.eventId ?? null,
    warningEventId: step.warningEventId,
    overdueEventId: step.overdueEventId,
  };
}
