import { sql } from 'kysely';
import type { BadRatingCaseDetail, BadRatingCaseStatusName, BadRatingCaseView } from '@hall/contracts';
import { caseStatus, type BadRatingCase, type CaseStepState } from '@hall/scoring';
import type { StoredCase } from './case-documents.ts';
import type { HallStates } from './hall-states.ts';
import { fail, succeed, type Outcome } from './outcome.ts';
import { projected } from './read-position.ts';
import { viewDb } from './view-tables.ts';

/*
 * The bad-rating cases (差评整改). The projection folds them from the hall's
 * state (`hall-bad-rating-cases.ts`, also the scheduler's due marks) and writes
 * them to bad_rating_cases; the reads and the append check read that table only
 * (decision 1431), with statuses and flags computed from the stored case and
 * the request's instant.
 */

export interface BadRatingCaseFilter {
  period?: string;
  windowId?: string;
  status?: BadRatingCaseStatusName;
}

/** A read's answer with the history position it reflects (at least): the score views' active checkpoint (decision 1422). */
export interface AsOf<T> {
  asOfPosition: number;
  value: T;
}

/** The cases matching `filter`, by rating time, with statuses and flags as of `now`. */
export async function listBadRatingCases(a: HallStates, hallId: string, filter: BadRatingCaseFilter, now: Date): Promise<AsOf<{ asOf: string; cases: BadRatingCaseView[] }>> {
  const p = await projected(a, hallId);
  let query = viewDb(a.db).selectFrom('bad_rating_cases').select('document').where('hall_id', '=', hallId).where('projection_version', '=', p.projectionVersion);
  if (filter.period !== undefined) query = query.where('period', '=', filter.period);
  if (filter.windowId !== undefined) query = query.where('window_id', '=', filter.windowId);
  // The fold's order: the rating's instant, then its event id.
  const rows = await query.orderBy('opened_at').orderBy(sql`document->>'ratingEventId'`).execute();
  const nowT = now.getTime();
  const cases = rows.map((row) => caseView(row.document as StoredCase, nowT)).filter((c) => filter.status === undefined || c.status === filter.status);
  return { asOfPosition: p.checkpoint, value: { asOf: now.toISOString(), cases } };
}

/** One stored case (undefined when the hall has none by that id), with the position it reflects. */
export async function findBadRatingCase(a: HallStates, hallId: string, caseId: string): Promise<AsOf<StoredCase | undefined>> {
  const p = await projected(a, hallId);
  const row = await viewDb(a.db)
    .selectFrom('bad_rating_cases')
    .select('document')
    .where('hall_id', '=', hallId)
    .where('projection_version', '=', p.projectionVersion)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return { asOfPosition: p.checkpoint, value: row?.document as StoredCase | undefined };
}

/** The window of each named case the hall has (one statement); for the append check. */
export async function badRatingCaseWindows(a: HallStates, hallId: string, caseIds: readonly string[]): Promise<Map<string, string>> {
  if (caseIds.length === 0) return new Map();
  const p = await projected(a, hallId);
  const rows = await viewDb(a.db)
    .selectFrom('bad_rating_cases')
    .select(['case_id', 'window_id'])
    .where('hall_id', '=', hallId)
    .where('projection_version', '=', p.projectionVersion)
    .where('case_id', 'in', [...new Set(caseIds)])
    .execute();
  return new Map(rows.map((r) => [r.case_id, r.window_id]));
}

/** One case with its timeline; NOT_FOUND when the hall has no such case. */
export function badRatingCaseDetail(c: StoredCase | undefined, caseId: string, now: Date): Outcome<BadRatingCaseDetail> {
  if (!c) return fail('NOT_FOUND', `Unknown bad-rating case ${caseId}`);
  return succeed({ ...caseView(c, now.getTime()), asOf: now.toISOString(), timeline: [...c.timeline] });
}

export function caseView(c: Omit<BadRatingCase, 'timeline'>, nowT: number): BadRatingCaseView {
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
