import { h } from '../dom.ts';
import { t } from '../i18n.ts';
import { month } from '../labels.ts';
import type { ConsoleContext } from './menu.ts';
import { staffOfWindow } from './window-staff.ts';

/** A window head's own window: each month's window page (line items, ratings, appeals during the objection window). */
export async function myWindowPage(ctx: ConsoleContext): Promise<HTMLElement> {
  const windowId = ctx.frame.viewer.windowId;
  const page = h('section', { class: 'console-page', 'data-page': 'my-window' });
  if (!windowId) return page;
  const href = (period: string) => `/board/${encodeURIComponent(ctx.hallId)}/windows/${encodeURIComponent(windowId)}?period=${period}`;
  page.append(
    h('p', { class: 'lead' }, t('console.myWindow.lead')),
    h(
      'ul',
      { class: 'month-links' },
      ctx.frame.months.map((m) =>
        h('li', { 'data-period': m.period }, h('a', { href: href(m.period) }, `${month(m.period)} · ${t(`stage.${m.stage}`)}`), m.stage === 'preliminary' ? h('strong', { class: 'objection' }, t('console.myWindow.objection')) : null),
      ),
    ),
  );
  const staff = await staffOfWindow(ctx, windowId, ctx.frame.currentPeriod);
  page.append(
    h('h3', {}, t('console.myWindow.staff', { month: month(ctx.frame.currentPeriod) })),
    staff.length ? h('ul', { class: 'window-staff' }, staff.map((s) => h('li', { 'data-staff': s.staffId }, h('a', { href: `#/staff-month?staff=${encodeURIComponent(s.staffId)}` }, s.name)))) : h('p', {}, t('console.staff.nobody')),
  );
  return page;
}
