import { h } from '../dom.ts';
import { t } from '../i18n.ts';
import { month } from '../labels.ts';
import type { ConsoleContext } from './menu.ts';
import { monthDetail, monthTotal, optional, quarterOf, quarterPath, quarterTerms, staffMonthPath, yearPath, yearTerms, type Quarter, type StaffMonth, type Year } from './staff-month-page.ts';

/**
 * A staff token's own pages (decision 1601): its month with line items, its
 * quarter and its year, for the person the token is bound to. There is no
 * person picker; the API refuses any other person anyway.
 */
function ownPage(id: string, lead: string, choices: Array<{ value: string; label: string }>, body: (ctx: ConsoleContext, staffId: string, choice: string) => Promise<HTMLElement[]>) {
  return async (ctx: ConsoleContext): Promise<HTMLElement> => {
    const staffId = ctx.frame.viewer.staffId ?? '';
    const out = h('div', { class: 'staff-month', 'data-staff': staffId });
    const picker = h('select', { id: `${id}-picker` }, choices.map((c) => h('option', { value: c.value }, c.label)));
    const show = async () => {
      delete document.body.dataset.ready;
      out.replaceChildren(...(await body(ctx, staffId, picker.value)));
      document.body.dataset.ready = 'true';
    };
    picker.addEventListener('change', () => void show());
    await show();
    return h(
      'section',
      { class: 'console-page', 'data-page': id },
      h('p', { class: 'lead' }, lead),
      h('p', { class: 'who-am-i' }, ctx.frame.viewer.staffName ?? staffId),
      h('div', { class: 'pickers' }, h('label', { for: `${id}-picker` }, t('console.own.period')), picker),
      out,
    );
  };
}

const unique = (values: string[]) => [...new Set(values)];

export const ownMonthPage = (ctx: ConsoleContext) =>
  ownPage(
    'my-month',
    t('console.own.monthLead'),
    ctx.frame.months.map((m) => ({ value: m.period, label: `${month(m.period)} · ${t(`stage.${m.stage}`)}` })),
    async (c, staffId, period) => {
      const doc = await optional<StaffMonth>(staffMonthPath(c, staffId, period));
      return [h('dl', { class: 'staff-summary' }, ...monthTotal(period, doc)), ...monthDetail(doc)];
    },
  )(ctx);

export const ownQuarterPage = (ctx: ConsoleContext) =>
  ownPage(
    'my-quarter',
    t('console.own.quarterLead'),
    unique(ctx.frame.months.map((m) => quarterOf(m.period))).map((q) => ({ value: q, label: q })),
    async (c, staffId, quarter) => [h('dl', { class: 'staff-summary' }, ...quarterTerms(quarter, await optional<Quarter>(quarterPath(c, quarter)), staffId))],
  )(ctx);

export const ownYearPage = (ctx: ConsoleContext) =>
  ownPage(
    'my-year',
    t('console.own.yearLead'),
    unique(ctx.frame.months.map((m) => m.period.slice(0, 4))).map((y) => ({ value: y, label: y })),
    async (c, staffId, year) => [h('dl', { class: 'staff-summary' }, ...yearTerms(year, await optional<Year>(yearPath(c, year)), staffId))],
  )(ctx);
