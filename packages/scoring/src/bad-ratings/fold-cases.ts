import type { BadRatingCaseStep, EventOf } from '@hall/contracts';
import type { HallModel } from '../model/hall-model.ts';
import { type Rec, byTime } from '../model/records.ts';
import { formatPeriod, monthOfDay, parseInstant, parsePeriod } from '../calendar/civil-days.ts';
import { shareOfWorkingTime, workingDayDeadline } from '../calendar/deadlines.ts';
import { calendarOf, timelineOf } from '../score/month-context.ts';
import { RatingJudge } from '../score/rating-judge.ts';
import type { BadRatingCase, CaseStepState, CaseTimelineEntry } from './bad-rating-case.ts';
import { badRatingCaseId, caseMarkEventId } from './derived-ids.ts';
import { foldCaseSteps } from './case-steps.ts';
import { type RatingVoid, appealVoidOf } from './rating-voids.ts';

const BAD_UP_TO_LEVEL = 2;

export interface FoldCasesOptions {
  /**
   * Event ids of ratings that carried contact data. The store keeps the
   * contact apart (its `personalRef` stays in the history, also after an
   * erasure), so the caller says which ratings were 实名; a rating whose data
   * still holds `contact` is 实名 as well.
   */
  readonly namedRatings?: ReadonlySet<string>;
  /** Only the cases of ratings in this month `YYYY-MM` (hall time): what the month's rates need. */
  readonly period?: string;
  /**
   * For the rates only: leave each step's deadline, warning and marks out
   * (`dueT`/`warnT` NaN, no texts, no mark ids), which the scorer does not read
   * and would pay for on every re-scoring. Whether a step is done stays.
   */
  readonly withoutDeadlines?: boolean;
}

interface RatingFacts {
  readonly e: EventOf<'RatingSubmitted'>;
  readonly t: number;
  readonly day: number;
}

/**
 * Every bad-rating case of a hall (docs/domain.md §5 for which ratings are
 * valid): each counted 差评 (level 1–2) opens one, with deadlines on the hall's
 * working-day calendar from the version in force on the rating's day; a voided
 * 差评 that already had case events shows as a `void` case. Pure: the same
 * history gives the same cases, ordered by rating time.
 */
export function foldBadRatingCases(model: HallModel, options: FoldCasesOptions = {}): BadRatingCase[] {
  const judge = new RatingJudge(model, timelineOf(model));
  const month = options.period === undefined ? undefined : parsePeriod(options.period);
  const ratings: RatingFacts[] = [];
  const buckets = month === undefined ? model.months.values() : [model.months.get(month)].filter((b) => b !== undefined);
  for (const bucket of buckets) {
    for (const rec of bucket.ratings) {
      if (rec.level <= BAD_UP_TO_LEVEL && judge.verdict(rec) === 'counted') ratings.push({ e: rec.e, t: rec.t, day: rec.day });
    }
  }
  const voidedRatings = voidedBadRatings(model).filter(({ r }) => month === undefined || monthOfDay(r.day) === month);
  const all = [...ratings.map((r) => ({ r, voided: undefined as RatingVoid | undefined })), ...voidedRatings];
  // By occurredAt then event id (docs/domain.md's "earlier"), so the first rating of a repeated rating id wins.
  all.sort((a, b) => a.r.t - b.r.t || (a.r.e.id < b.r.e.id ? -1 : a.r.e.id > b.r.e.id ? 1 : 0));
  const cases: BadRatingCase[] = [];
  const seen = new Set<string>();
  for (const { r, voided } of all) {
    const caseId = badRatingCaseId(r.e.data.ratingId);
    // A rating id is one rating: a second counted one with the same id opens no second case.
    if (seen.has(caseId)) continue;
    seen.add(caseId);
    cases.push(foldCase(model, caseId, r, voided ?? appealVoidOf(model, r.e, r.day), options));
  }
  return cases;
}

/** 差评s voided by an `EventVoided` that already have case events: they show as void cases. */
function voidedBadRatings(model: HallModel): { r: RatingFacts; voided: RatingVoid }[] {
  if (model.voided.size === 0) return [];
  const voiders = new Map<string, Rec<'EventVoided'>>();
  for (const event of model.events.values()) {
    if (event.type !== 'EventVoided' || !model.voided.has(event.data.voidedEventId) || model.voided.has(event.id)) continue;
    const rec = { id: event.id, t: parseInstant(event.occurredAt), day: 0, e: event };
    const seen = voiders.get(event.data.voidedEventId);
    if (!seen || byTime(rec, seen) < 0) voiders.set(event.data.voidedEventId, rec);
  }
  const out: { r: RatingFacts; voided: RatingVoid }[] = [];
  for (const [ratingEventId, voider] of voiders) {
    const e = model.events.get(ratingEventId);
    if (e?.type !== 'RatingSubmitted' || e.data.level > BAD_UP_TO_LEVEL) continue;
    if (!model.badRatingCaseEvents.has(badRatingCaseId(e.data.ratingId))) continue;
    const t = parseInstant(e.occurredAt);
    out.push({ r: { e, t, day: model.clock.localDay(t) }, voided: { eventId: voider.id, t: voider.t, by: 'event_voided' } });
  }
  return out;
}

function foldCase(model: HallModel, caseId: string, r: RatingFacts, voided: RatingVoid | undefined, options: FoldCasesOptions): BadRatingCase {
  const catalogue = timelineOf(model).at(r.day);
  const settings = catalogue.source.settings;
  const named = options.namedRatings?.has(r.e.id) === true || r.e.data.contact !== undefined;
  const events = [...(model.badRatingCaseEvents.get(caseId) ?? [])].sort(byTime);
  const timeline: CaseTimelineEntry[] = [{ eventId: r.e.id, type: 'RatingSubmitted', at: iso(r.t) }];

  const deadline = (step: BadRatingCaseStep, workingDays: number, done: Rec | undefined): CaseStepState => {
    const doneState = done ? { eventId: done.id, t: done.t, at: done.e.occurredAt } : null;
    if (options.withoutDeadlines) {
      return { step, dueT: NaN, dueAt: '', warnT: NaN, warnAt: '', done: doneState, warningEventId: null, overdueEventId: null };
    }
    const calendar = calendarOf(model);
    const dueT = workingDayDeadline(model.clock, calendar, r.t, workingDays);
    const warnT = shareOfWorkingTime(model.clock, calendar, r.t, dueT, settings.badRatingWarningShare);
    const dueAt = iso(dueT);
    const has = (id: string) => (model.events.has(id) && !model.voided.has(id) ? id : null);
    return {
      step,
      dueT,
      dueAt,
      warnT,
      warnAt: iso(warnT),
      done: doneState,
      warningEventId: has(caseMarkEventId(caseId, 'warning', step, dueAt)),
      overdueEventId: has(caseMarkEventId(caseId, 'overdue', step, dueAt)),
    };
  };

  const steps = foldCaseSteps(events);
  timeline.push(...steps.entries);
  if (voided) {
    timeline.push({ eventId: voided.eventId, type: voided.by === 'appeal' ? 'AppealDecided' : 'EventVoided', at: iso(voided.t) });
  }

  return {
    caseId,
    ratingEventId: r.e.id,
    ratingId: r.e.data.ratingId,
    windowId: r.e.data.windowId,
    staffId: r.e.data.staffId ?? null,
    level: r.e.data.level,
    reasons: r.e.data.reasons ?? [],
    named,
    period: formatPeriod(monthOfDay(r.day)),
    openedT: r.t,
    openedAt: r.e.occurredAt,
    catalogueVersion: catalogue.version,
    contact: named ? deadline('contact', settings.badRatingContactWorkingDays, steps.contactDone) : null,
    rectification: deadline('rectification', settings.badRatingRectificationWorkingDays, steps.rectified),
    planned: steps.planned,
    followUp: steps.followUp,
    closed: steps.closed,
    voided: voided ?? null,
    timeline,
  };
}

function iso(t: number): string {
  return new Date(t).toISOString();
}
