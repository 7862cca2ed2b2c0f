import { ApiError, getJson } from '../api.ts';
import { h } from '../dom.ts';
import { i18n, t } from '../i18n.ts';
import { category, month, note, points, rule, score } from '../labels.ts';
import type { ConsoleContext } from './menu.ts';
import { loadNames, type StaffName } from './names.ts';
import { staffOfWindow } from './window-staff.ts';

export interface StaffMonth {
  total: number;
  veto: boolean;
  stage: string;
  version: number | null;
  categories: Array<{ code: string; base: number; lost: number; score: number }>;
  lineItems: Array<{ id: string; ruleCode: string; points: number; status: string; note?: string | null }>;
}
export interface Quarter { provisional: boolean; staff: Array<{ staffId: string; peerReview: number | null; satisfaction: number | null; monthlyMean: number | null; total: number | null }> }
export interface Year { provisional: boolean; staff: Array<{ staffId: string; annualScore: number; grade: string }>; stars: string[] }

export const quarterOf = (period: string) => `${period.slice(0, 4)}-Q${Math.ceil(Number(period.slice(5, 7)) / 3)}`;
const orDash = (n: number | null | undefined) => (n === null || n === undefined ? '—' : score(n));

/** A read the API may not have yet (a month before the person started): shown as "not assessed", not as a broken page. */
export async function optional<T>(path: string): Promise<T | null> {
  try {
    return (await getJson<T>(path)).body;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return null;
    throw error;
  }
}

export const staffMonthPath = (ctx: ConsoleContext, staffId: string, period: string) => `${ctx.base}/periods/${period}/staff/${encodeURIComponent(staffId)}`;
export const quarterPath = (ctx: ConsoleContext, quarter: string) => `${ctx.base}/quarters/${quarter}/staff`;
export const yearPath = (ctx: ConsoleContext, year: string) => `${ctx.base}/years/${year}`;

/** The month's total (and veto) as a term and its definition. */
export function monthTotal(period: string, doc: StaffMonth | null): HTMLElement[] {
  return [
    h('dt', {}, t('window.monthTotal', { month: month(period) })),
    h('dd', { 'data-total': doc?.total ?? '' }, doc ? score(doc.total) : t('console.staff.notAssessed'), doc?.veto ? h('strong', { class: 'veto' }, ` ${t('veto')}`) : null),
  ];
}

/** The person's quarter: total, peer review, satisfaction and monthly mean. */
export function quarterTerms(quarter: string, doc: Quarter | null, staffId: string): HTMLElement[] {
  const q = doc?.staff.find((s) => s.staffId === staffId);
  return [
    h('dt', {}, t('console.staff.quarter', { quarter })),
    h('dd', { 'data-quarter-total': q?.total ?? '' }, q ? t('console.staff.quarterParts', { total: orDash(q.total), peer: orDash(q.peerReview), satisfaction: orDash(q.satisfaction), mean: orDash(q.monthlyMean) }) : '—', q && doc?.provisional ? ` (${t('console.staff.provisional')})` : ''),
  ];
}

/** The person's year: annual score, grade and the service star. */
export function yearTerms(year: string, doc: Year | null, staffId: string): HTMLElement[] {
  const y = doc?.staff.find((s) => s.staffId === staffId);
  const star = doc?.stars.includes(staffId) ?? false;
  return [
    h('dt', {}, t('console.staff.year', { year })),
    h('dd', { 'data-grade': y?.grade ?? '' }, y ? `${score(y.annualScore)} · ${t(`grade.${y.grade}` as never)}${doc?.provisional ? ` (${t('console.staff.provisional')})` : ''}` : '—', star ? h('strong', { class: 'star' }, ` ★ ${t('console.staff.star')}`) : null),
  ];
}

/** The month's categories and line items, with catalogue names. */
export function monthDetail(doc: StaffMonth | null): HTMLElement[] {
  const items = doc?.lineItems ?? [];
  const table = h(
    'table',
    { class: 'line-items' },
    h('caption', {}, t('window.lineItems', { count: items.length })),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('window.col.rule')), h('th', { scope: 'col' }, t('window.col.note')), h('th', { scope: 'col' }, t('window.col.points')), h('th', { scope: 'col' }, t('window.col.status')))),
    h('tbody', {}, items.map((li) => h('tr', { 'data-line-item': li.id, class: li.status }, h('td', {}, rule(li.ruleCode), h('small', { class: 'code' }, ` ${li.ruleCode}`)), h('td', {}, note(li) ?? ''), h('td', {}, points(li.points)), h('td', {}, t(`lineStatus.${li.status}` as never))))),
  );
  const categories = doc ? h('ul', { class: 'staff-categories' }, doc.categories.map((c) => h('li', {}, `${category(c.code)} ${score(c.score)} / ${i18n.number(c.base)}`))) : null;
  const list: HTMLElement = items.length ? table : h('p', {}, t('window.noLineItems'));
  return categories ? [categories, list] : [list];
}

async function staffMonth(ctx: ConsoleContext, person: StaffName, period: string): Promise<HTMLElement> {
  const [doc, quarter, year] = await Promise.all([
    optional<StaffMonth>(staffMonthPath(ctx, person.staffId, period)),
    optional<Quarter>(quarterPath(ctx, quarterOf(period))),
    optional<Year>(yearPath(ctx, period.slice(0, 4))),
  ]);
  const summary = h('dl', { class: 'staff-summary' }, ...monthTotal(period, doc), ...quarterTerms(quarterOf(period), quarter, person.staffId), ...yearTerms(period.slice(0, 4), year, person.staffId));
  return h('div', { class: 'staff-month', 'data-staff': person.staffId }, h('h3', {}, person.name), summary, ...monthDetail(doc));
}

/**
 * A staff member's own month, quarter and year, grade and stars (there is no
 * staff token: a window head opens it for their own staff, a supervisor or a
 * dashboard token for anyone), read from the existing score reads only.
 */
export async function staffMonthPage(ctx: ConsoleContext): Promise<HTMLElement> {
  const period = ctx.frame.currentPeriod;
  const head = ctx.frame.viewer.role === 'window_head' ? ctx.frame.viewer.windowId : null;
  const people = head ? await staffOfWindow(ctx, head, period) : (await loadNames(ctx)).staff;
  const out = h('div', { class: 'staff-month-out' });
  const who = h('select', { id: 'staff-picker' }, people.map((p) => h('option', { value: p.staffId }, p.name)));
  const when = h('select', { id: 'staff-month' }, ctx.frame.months.map((m) => h('option', { value: m.period }, `${month(m.period)} · ${t(`stage.${m.stage}`)}`)));
  const show = async () => {
    const person = people.find((p) => p.staffId === who.value);
    if (!person) return out.replaceChildren(h('p', {}, t('console.staff.nobody')));
    delete document.body.dataset.ready;
    out.replaceChildren(await staffMonth(ctx, person, when.value));
    document.body.dataset.ready = 'true';
  };
  // The window page's staff links name the person: `#/staff-month?staff=s-017`.
  const named = new URLSearchParams(location.hash.split('?')[1] ?? '').get('staff');
  if (named && people.some((p) => p.staffId === named)) who.value = named;
  who.addEventListener('change', () => void show());
  when.addEventListener('change', () => void show());
  await show();
  const pickers = h('div', { class: 'pickers' }, h('label', { for: 'staff-picker' }, t('console.staff.who')), who, h('label', { for: 'staff-month' }, t('board.monthLabel')), when);
  return h('section', { class: 'console-page', 'data-page': 'staff-month' }, h('p', { class: 'lead' }, t('console.staff.lead')), pickers, out);
}
