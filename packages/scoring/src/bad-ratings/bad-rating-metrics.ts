import type { BadRatingRatesFigures, RateFigure } from '@hall/contracts';
import type { HallModel } from '../model/hall-model.ts';
import { parsePeriod } from '../calendar/civil-days.ts';
import { timelineOf } from '../score/month-context.ts';
import { RatingJudge } from '../score/rating-judge.ts';
import type { BadRatingCase } from './bad-rating-case.ts';

/**
 * A rate with what it is made of; `rate` is in basis points (an integer,
 * rounded half up: exact and the same on every machine, decision 1721), null
 * when the denominator is 0.
 */
export type Rate = RateFigure;

/**
 * The bad-rating loop's rates of one window or staff member in one month:
 * 差评率 (counted 差评 ÷ counted ratings people gave; default ratings never),
 * 差评整改率 (rectified ÷ cases requiring rectification: not void, not closed
 * as `not_required`), 实名差评回访率 (实名 cases with a `reached` contact ÷
 * 实名 cases, not void) and 主动评价率 (completed tickets with a counted
 * `RatingSubmitted` at that window ÷ tickets completed).
 */
export type BadRatingRates = BadRatingRatesFigures;

export interface MonthBadRatingRates {
  readonly windows: Map<string, BadRatingRates>;
  readonly staff: Map<string, BadRatingRates>;
}

/**
 * The rates of a month `YYYY-MM` (hall time): ratings and completions by
 * their own dates, cases by their rating's month, each case as far as the
 * history has taken it. A case reaches its window and the staff member its
 * rating names; a completion reaches its window and staff member.
 */
export function badRatingRates(
  model: HallModel,
  cases: readonly BadRatingCase[],
  period: string,
  judge: RatingJudge = new RatingJudge(model, timelineOf(model)),
): MonthBadRatingRates {
  const out: MonthBadRatingRates = { windows: new Map(), staff: new Map() };
  const of = (type: 'windows' | 'staff', id: string) => {
    let rates = out[type].get(id);
    if (!rates) {
      rates = noBadRatingRates();
      out[type].set(id, rates);
    }
    return rates;
  };
  const both = (windowId: string, staffId: string | null | undefined, add: (r: BadRatingRates) => void) => {
    add(of('windows', windowId));
    if (staffId) add(of('staff', staffId));
  };

  const bucket = model.months.get(parsePeriod(period));
  for (const rec of bucket?.ratings ?? []) {
    if (judge.verdict(rec) !== 'counted') continue;
    both(rec.windowId, rec.staffId, (r) => count(r.badRatingRate, rec.level <= 2));
  }
  // A ticket completed twice in the month is one rated ticket, as for the rating rate (docs/domain.md §5).
  const ratedTickets = { windows: new Map<string, Set<number>>(), staff: new Map<string, Set<number>>() };
  for (const rec of bucket?.completions ?? []) {
    const rated = ratedAt(model, judge, rec.ticket, rec.windowId);
    for (const [type, id] of [['windows', rec.windowId], ['staff', rec.staffId]] as const) {
      let seen = ratedTickets[type].get(id);
      if (!seen) ratedTickets[type].set(id, (seen = new Set()));
      const hit = rated && !seen.has(rec.ticket);
      if (hit) seen.add(rec.ticket);
      count(of(type, id).activeRatingRate, hit);
    }
  }
  countCases(cases, period, both);
  for (const map of [out.windows, out.staff]) for (const rates of map.values()) for (const rate of Object.values(rates)) finish(rate);
  return out;
}

/**
 * 差评整改率 and 实名差评回访率 of a month's cases, per window and staff member.
 * The scorer takes these and reads 差评率 and 主动评价率 off the counts it
 * keeps anyway (the same definitions, without a second pass over the month).
 */
export function caseRates(cases: readonly BadRatingCase[], period: string): MonthCaseRates {
  const out: MonthCaseRates = { windows: new Map(), staff: new Map() };
  const of = (map: Map<string, CaseRates>, id: string) => {
    let rates = map.get(id);
    if (!rates) map.set(id, (rates = { rectificationRate: zero(), namedCallbackRate: zero() }));
    return rates;
  };
  countCases(cases, period, (windowId, staffId, add) => {
    add(of(out.windows, windowId));
    if (staffId) add(of(out.staff, staffId));
  });
  for (const map of [out.windows, out.staff]) for (const rates of map.values()) for (const rate of Object.values(rates)) finish(rate);
  return out;
}

export type CaseRates = Pick<BadRatingRates, 'rectificationRate' | 'namedCallbackRate'>;
export interface MonthCaseRates {
  readonly windows: Map<string, CaseRates>;
  readonly staff: Map<string, CaseRates>;
}

function countCases(
  cases: readonly BadRatingCase[],
  period: string,
  both: (windowId: string, staffId: string | null, add: (r: CaseRates) => void) => void,
): void {
  for (const c of cases) {
    if (c.period !== period || c.voided) continue;
    if (c.closed?.resolution !== 'not_required') both(c.windowId, c.staffId, (r) => count(r.rectificationRate, c.rectification.done !== null));
    if (c.contact) both(c.windowId, c.staffId, (r) => count(r.namedCallbackRate, c.contact!.done !== null));
  }
}

/** A finished rate of `numerator` out of `denominator`. */
export function rateOf(numerator: number, denominator: number): Rate {
  const rate = { numerator, denominator, rate: null };
  finish(rate);
  return rate;
}

function ratedAt(model: HallModel, judge: RatingJudge, ticket: number, windowId: string): boolean {
  const first = model.tickets.firstRating(ticket);
  if (first === null) return false;
  for (const rating of [first, ...(model.tickets.moreRatingsOf(ticket) ?? [])]) {
    if (rating.windowId === windowId && judge.verdict(rating) === 'counted') return true;
  }
  return false;
}

/** The rates of a subject with nothing to count: every denominator 0, every rate null. */
export function noBadRatingRates(): BadRatingRates {
  return { badRatingRate: zero(), rectificationRate: zero(), namedCallbackRate: zero(), activeRatingRate: zero() };
}

function zero(): Rate {
  return { numerator: 0, denominator: 0, rate: null };
}

function count(rate: Rate, hit: boolean): void {
  rate.denominator++;
  if (hit) rate.numerator++;
}

/** Basis points rounded half up, in integers: ⌊(20000 n + d) / 2d⌋. */
function finish(rate: Rate): void {
  rate.rate = rate.denominator === 0 ? null : Math.floor((20000 * rate.numerator + rate.denominator) / (2 * rate.denominator));
}
