import { decideAppealBody, type ScoreDocument } from '@hall/contracts';
import { getJson, postJson, type MonthAppeal } from '../api.ts';
import { h } from '../dom.ts';
import { i18n, t } from '../i18n.ts';
import { month, note, points, rule } from '../labels.ts';
import type { ConsoleContext } from './menu.ts';
import { PointerForm, select, textarea } from './form.ts';

/** The months that can hold appeals: those published at least once. */
const appealMonths = (ctx: ConsoleContext) => ctx.frame.months.filter((m) => m.stage === 'preliminary' || m.stage === 'final');

/** Appeals by month with the line item each names; a supervisor decides the pending ones (upheld voids the line item). */
export async function appealsPage(ctx: ConsoleContext): Promise<HTMLElement> {
  const supervisor = ctx.frame.viewer.role === 'supervisor' || ctx.frame.viewer.role === 'admin';
  const months = appealMonths(ctx);
  const page = h('section', { class: 'console-page', 'data-page': 'appeals' });
  if (months.length === 0) {
    page.append(h('p', {}, t('console.appeals.none')));
    return page;
  }
  const wanted = new URLSearchParams(location.hash.split('?')[1] ?? '').get('period');
  const period = months.find((m) => m.period === wanted)?.period ?? months[0]!.period;
  const picker = select(months.map((m) => ({ value: m.period, label: `${month(m.period)} · ${t(`stage.${m.stage}`)}` })), { id: 'appeal-month', 'aria-label': t('board.chooseMonth') });
  picker.value = period;
  picker.addEventListener('change', () => (location.hash = `#/appeals?period=${picker.value}`));

  const [appeals, windows] = await Promise.all([
    getJson<{ appeals: MonthAppeal[] }>(`${ctx.base}/periods/${period}/appeals`).then((r) => r.body.appeals),
    getJson<{ windows: Array<{ windowId: string; number: string; name: string }> }>(`${ctx.base}/windows`).then((r) => r.body.windows),
  ]);
  // The line items appealed, found in the windows' score documents of the month.
  const docs = await Promise.all(windows.map((w) => getJson<ScoreDocument>(`${ctx.base}/periods/${period}/windows/${encodeURIComponent(w.windowId)}`).then((r) => r.body).catch(() => undefined)));
  const lineItems = new Map(docs.flatMap((d) => (d ? d.lineItems.map((li) => [li.id, { li, windowId: d.subject.id }] as const) : [])));
  const windowName = new Map(windows.map((w) => [w.windowId, `${w.number} ${w.name}`]));

  const decideForm = (appeal: MonthAppeal) => {
    const form = new PointerForm(`decide-${appeal.appealId}`, t('console.appeals.decide'), async (f) => {
      const body = { upheld: f.value('/upheld') === 'true', reason: f.value('/reason') };
      if (!f.check(decideAppealBody, body)) return;
      try {
        await postJson(`${ctx.base}/appeals/${encodeURIComponent(appeal.appealId)}/decision`, body);
        location.reload();
      } catch (error) {
        f.showFailure(error);
      }
    });
    form.field('/upheld', t('console.appeals.verdict'), select([{ value: 'true', label: t('console.appeals.uphold') }, { value: 'false', label: t('console.appeals.reject') }]));
    form.field('/reason', t('console.appeals.reason'), textarea({ maxlength: 2000 }));
    return form.element;
  };

  page.append(
    h('label', { for: 'appeal-month' }, t('board.monthLabel')),
    picker,
    h(
      'div',
      { class: 'appeals' },
    appeals.length === 0 ? h('p', {}, t('console.appeals.noneThisMonth')) : null,
    appeals.map((appeal) => {
      const found = lineItems.get(appeal.lineItemId);
      return h(
        'article',
        { class: `appeal-card ${appeal.status}`, 'data-appeal': appeal.appealId },
        h('h3', {}, found ? `${windowName.get(found.windowId) ?? found.windowId} · ${rule(found.li.ruleCode)} · ${points(found.li.points)}` : appeal.lineItemId),
        found ? h('p', { class: 'line-note' }, note(found.li)) : null,
        h('p', {}, h('strong', {}, t('console.appeals.filedReason')), ' ', appeal.reason),
        h('p', { class: 'status' }, t(`appealStatus.${appeal.status}`), ' · ', i18n.dateTime(appeal.filedAt, ctx.frame.hall.timezone)),
        appeal.decisionReason ? h('p', {}, h('strong', {}, t('console.appeals.decisionReason')), ' ', appeal.decisionReason) : null,
        supervisor && appeal.status === 'pending' ? decideForm(appeal) : null,
      );
    }),
    ),
  );
  return page;
}
