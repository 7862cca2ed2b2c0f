import type { BadRatingRatesFigures, RateFigure } from '@hall/contracts';
import { h } from './dom.ts';
import { i18n, t } from './i18n.ts';

/** The four rates in the order the bulletin and the pages show them. */
export const RATE_KEYS = ['badRatingRate', 'rectificationRate', 'namedCallbackRate', 'activeRatingRate'] as const;

/** A rate as a percentage: `rate` is in basis points, so two decimals show it exactly; a dash over nothing. */
export const ratePct = (r: RateFigure) => (r.rate === null ? '—' : i18n.percent(r.rate / 10000, 2));

/**
 * The hall's rates from its windows' (sums of numerators and denominators; a
 * case counts at one window only). Rounded half up to basis points like the
 * documents' own; undefined when no window has them.
 */
export function sumRates(all: ReadonlyArray<BadRatingRatesFigures | undefined>): BadRatingRatesFigures | undefined {
  const present = all.filter((r): r is BadRatingRatesFigures => r !== undefined);
  if (present.length === 0) return undefined;
  const sum = (key: (typeof RATE_KEYS)[number]): RateFigure => {
    let numerator = 0;
    let denominator = 0;
    for (const r of present) {
      numerator += r[key].numerator;
      denominator += r[key].denominator;
    }
    return { numerator, denominator, rate: denominator === 0 ? null : Math.floor((20000 * numerator + denominator) / (2 * denominator)) };
  };
  return { badRatingRate: sum('badRatingRate'), rectificationRate: sum('rectificationRate'), namedCallbackRate: sum('namedCallbackRate'), activeRatingRate: sum('activeRatingRate') };
}

/** One rate: its name, the percentage and what it is made of (numerator/denominator). */
export function rateItem(key: (typeof RATE_KEYS)[number], r: RateFigure): HTMLElement {
  return h(
    'li',
    { 'data-rate': key },
    h('span', { class: 'rate-name' }, t(`badRatingRate.${key}`)),
    ' ',
    h('strong', { class: 'rate-value' }, ratePct(r)),
    ' ',
    h('small', { class: 'rate-counts' }, t('badRatingRate.counts', { numerator: r.numerator, denominator: r.denominator })),
  );
}

/** The four rates as a list, with a heading (window page) or a label (board footer). */
export function badRatingRatesList(rates: BadRatingRatesFigures): HTMLElement {
  return h('ul', { class: 'rate-list' }, RATE_KEYS.map((key) => rateItem(key, rates[key])));
}
