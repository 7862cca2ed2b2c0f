import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import type { LineItem, RatingStatus, ScoreDocument } from '@hall/contracts';
import { ApiError, getJson, hallPath, pageHref, params, postJson, type BoardFrame, type MonthAppeal, type WindowInfo } from './api.ts';
import { h, mount } from './dom.ts';
import { showError } from './board.ts';
import { languageSwitch, t } from './i18n.ts';
import { category, errorText, month, note, pct, points, rule, score } from './labels.ts';
import { badRatingRatesList } from './bad-rating-rates.ts';

const RATING_STATUSES = ['counted', 'unverified', 'duplicate', 'suspicious'] as const;

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);
Chart.defaults.font.family = getComputedStyle(document.documentElement).getPropertyValue('--font').trim() || 'sans-serif';
Chart.defaults.font.size = 16;
Chart.defaults.animation = false;

const CHART_MONTHS = 12;

export async function showWindowPage(hallId: string, windowId: string): Promise<void> {
  const base = hallPath(hallId);
  let frame: BoardFrame;
  let windows: WindowInfo[];
  try {
    [frame, windows] = await Promise.all([
      getJson<BoardFrame>(`${base}/board`).then((r) => r.body),
      getJson<{ windows: WindowInfo[] }>(`${base}/windows`).then((r) => r.body.windows),
    ]);
  } catch (error) {
    showError(error);
    return;
  }
  const period = params.get('period') ?? frame.currentPeriod;
  const info = windows.find((w) => w.windowId === windowId);
  const stage = frame.months.find((m) => m.period === period)?.stage ?? 'open';
  const role = frame.viewer.role;
  const mayAppeal = stage === 'preliminary' && (role === 'supervisor' || role === 'admin' || (role === 'window_head' && frame.viewer.windowId === windowId));

  let doc: ScoreDocument;
  let ratings: RatingStatus[];
  let appeals: MonthAppeal[];
  try {
    [doc, ratings, appeals] = await Promise.all([
      getJson<ScoreDocument>(`${base}/periods/${period}/windows/${encodeURIComponent(windowId)}`).then((r) => r.body),
      getJson<{ ratings: RatingStatus[] }>(`${base}/periods/${period}/ratings?windowId=${encodeURIComponent(windowId)}`).then((r) => r.body.ratings),
      getJson<{ appeals: MonthAppeal[] }>(`${base}/periods/${period}/appeals`).then((r) => r.body.appeals),
    ]);
  } catch (error) {
    showError(error);
    return;
  }
  const appealOf = new Map<string, MonthAppeal>();
  for (const appeal of appeals) appealOf.set(appeal.lineItemId, appeal);

  const boardHref = pageHref(`/board/${encodeURIComponent(hallId)}`, { period });
  const select = h(
    'select',
    {
      id: 'month',
      'aria-label': t('board.chooseMonth'),
      onchange: (e: Event) => {
        const q = new URLSearchParams(location.search);
        q.set('period', (e.target as HTMLSelectElement).value);
        location.search = q.toString();
      },
    },
    frame.months.map((m) => h('option', { value: m.period, selected: m.period === period }, `${month(m.period)} · ${t(`stage.${m.stage}`)}`)),
  );

  const message = h('p', { class: 'message', role: 'status' });
  const appealCell = (item: LineItem) => {
    const appeal = appealOf.get(item.id);
    if (appeal) return h('span', { class: `appeal ${appeal.status}` }, t(`appealStatus.${appeal.status}`));
    if (!mayAppeal || item.status !== 'counted') return '';
    return h('button', { type: 'button', class: 'appeal-button', 'data-line-item': item.id, onclick: (e: Event) => openAppeal(item, e.target as HTMLElement) }, t('window.appeal'));
  };

  const openAppeal = (item: LineItem, button: HTMLElement) => {
    const row = button.closest('tr')!;
    row.nextElementSibling?.classList.contains('appeal-form') && row.nextElementSibling.remove();
    const reason = h('textarea', { name: 'reason', id: `reason-${item.id}`, rows: 2, maxlength: 2000, placeholder: t('window.appealPlaceholder') });
    const form = h(
      'tr',
      { class: 'appeal-form' },
      h(
        'td',
        { colspan: 7 },
        h(
          'form',
          {
            onsubmit: async (e: Event) => {
              e.preventDefault();
              const text = reason.value.trim();
              if (!text) {
                message.textContent = t('window.appealReasonMissing');
                return;
              }
              try {
                const filed = await postJson<MonthAppeal>(`${base}/appeals`, { lineItemId: item.id, reason: text });
                appealOf.set(item.id, filed);
                button.replaceWith(h('span', { class: 'appeal pending' }, t('appealStatus.pending')));
                form.remove();
                message.textContent = t('window.appealFiled');
              } catch (error) {
                const status = error instanceof ApiError ? error.status : 0;
                message.textContent = t('window.appealFailed', { reason: `${errorText(status)} ${error instanceof Error ? error.message : ''}` });
              }
            },
          },
          h('label', { for: `reason-${item.id}` }, t('window.appealFor', { rule: rule(item.ruleCode), points: points(item.points) })),
          reason,
          h('button', { type: 'submit', class: 'submit-appeal' }, t('window.submitAppeal')),
          h('button', { type: 'button', onclick: () => form.remove() }, t('window.cancel')),
        ),
      ),
    );
    row.after(form);
    reason.focus();
  };

  const statusCounts = Object.fromEntries(RATING_STATUSES.map((s) => [s, ratings.filter((r) => r.status === s).length]));
  const notCounted = ratings.filter((r) => r.status !== 'counted');
  const m = doc.metrics;

  const barCanvas = h('canvas', { id: 'categories-chart', role: 'img', 'aria-label': t('window.categoryChart') });
  const lineCanvas = h('canvas', { id: 'trend-chart', role: 'img', 'aria-label': t('window.trendChart') });

  mount(
    h(
      'div',
      { class: 'window-page' },
      h(
        'header',
        {},
        h('a', { href: boardHref, class: 'back' }, t('window.back')),
        h('h1', {}, info ? `${info.number} ${info.name}` : windowId),
        h('div', { class: 'meta' }, info ? `${t(`kind.${info.kind}`)} · ${info.departmentName ?? info.departmentId}` : '', ' ', h('label', {}, t('board.monthLabel'), ' ', select), languageSwitch()),
      ),
      h(
        'section',
        { class: 'summary' },
        h('div', { class: 'card total' }, h('span', {}, t('window.monthTotal', { month: month(period) })), h('strong', { id: 'total' }, score(doc.total))),
        h('div', { class: 'card' }, h('span', {}, t('window.stage')), h('strong', {}, t(`stage.${doc.stage}`)), doc.version ? h('small', {}, t('window.version', { version: doc.version })) : null),
        h('div', { class: 'card' }, h('span', {}, t('window.veto')), h('strong', { class: doc.veto ? 'veto-text' : '' }, doc.veto ? t('yes') : t('no'))),
        h('div', { class: 'card' }, h('span', {}, t('window.bonus')), h('strong', {}, `${doc.bonus.counted} / ${doc.bonus.cap}`)),
        h('div', { class: 'card' }, h('span', {}, t('window.satisfaction')), h('strong', {}, pct(m.satisfactionRate))),
        h('div', { class: 'card' }, h('span', {}, t('window.ratingRate')), h('strong', {}, pct(m.ratingRate))),
        h('div', { class: 'card' }, h('span', {}, t('window.completedAccepted')), h('strong', {}, `${m.ticketsCompleted} / ${m.casesAccepted}`)),
      ),
      // Documents published before the rates existed have none to show.
      doc.badRatingRates ? h('section', { class: 'bad-rating-rates' }, h('h2', {}, t('window.badRatingRates')), badRatingRatesList(doc.badRatingRates)) : null,
      mayAppeal ? h('p', { class: 'notice' }, t('window.objectionNotice')) : null,
      message,
      h('section', { class: 'charts' }, h('figure', {}, h('figcaption', {}, t('window.categoryChart')), h('div', { class: 'chart' }, barCanvas)), h('figure', {}, h('figcaption', {}, t('window.trendChart')), h('div', { class: 'chart' }, lineCanvas))),
      h(
        'section',
        {},
        h('h2', {}, t('window.lineItems', { count: doc.lineItems.length })),
        h(
          'table',
          { class: 'line-items' },
          h('thead', {}, h('tr', {}, (['category', 'rule', 'note', 'points', 'events', 'status', 'appeal'] as const).map((c) => h('th', { scope: 'col' }, t(`window.col.${c}`))))),
          h(
            'tbody',
            {},
            doc.lineItems.length === 0 ? h('tr', {}, h('td', { colspan: 7, class: 'empty' }, t('window.noLineItems'))) : null,
            doc.lineItems.map((item) =>
              h(
                'tr',
                { 'data-line-item': item.id, 'data-rule-code': item.ruleCode, class: item.status },
                h('td', {}, category(item.category)),
                h('td', { class: 'rule' }, rule(item.ruleCode), h('code', {}, item.ruleCode)),
                h('td', {}, note(item), item.veto ? h('span', { class: 'badge veto' }, t('veto')) : null),
                h('td', { class: `points ${item.points < 0 ? 'minus' : 'plus'}` }, points(item.points)),
                h('td', { class: 'events' }, item.eventIds.join('\n')),
                h('td', { class: 'line-status' }, t(`lineStatus.${item.status}`)),
                h('td', {}, appealCell(item)),
              ),
            ),
          ),
        ),
      ),
      h(
        'section',
        { class: 'ratings' },
        h('h2', {}, t('window.ratings', { count: ratings.length })),
        h('ul', { class: 'rating-counts' }, RATING_STATUSES.map((s) => h('li', { 'data-status': s }, h('strong', {}, t('window.ratingCount', { status: t(`ratingStatus.${s}`), count: statusCounts[s] ?? 0 })), h('small', {}, t(`ratingWhy.${s}`))))),
        notCounted.length > 0
          ? h(
              'table',
              { class: 'ratings-table' },
              h('thead', {}, h('tr', {}, (['rating', 'level', 'staff', 'status', 'reason'] as const).map((c) => h('th', { scope: 'col' }, t(`window.col.${c}`))))),
              h('tbody', {}, notCounted.slice(0, 100).map((r) => h('tr', {}, h('td', {}, r.ratingId), h('td', {}, r.level), h('td', {}, r.staffId ?? '—'), h('td', {}, t(`ratingStatus.${r.status}`)), h('td', {}, t(`ratingWhy.${r.status}`))))),
            )
          : null,
      ),
    ),
  );

  new Chart(barCanvas, {
    type: 'bar',
    data: {
      labels: doc.categories.map((c) => category(c.code)),
      datasets: [
        { label: t('window.kept'), data: doc.categories.map((c) => c.score), backgroundColor: '#2f6fb3' },
        { label: t('window.lost'), data: doc.categories.map((c) => c.lost), backgroundColor: '#e8a25c' },
      ],
    },
    // Stacked: each bar is the category's base, split into what was kept and what was lost.
    options: { responsive: true, maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
  });

  const start = frame.hall.assessmentStartsOn.slice(0, 7);
  const trendMonths = frame.months.map((x) => x.period).filter((p) => p <= period && p >= start).slice(0, CHART_MONTHS).reverse();
  const totals = await Promise.all(
    trendMonths.map((p) =>
      getJson<ScoreDocument>(`${base}/periods/${p}/windows/${encodeURIComponent(windowId)}`)
        .then((r) => r.body.total)
        .catch(() => null),
    ),
  );
  new Chart(lineCanvas, {
    type: 'line',
    data: {
      labels: trendMonths.map(month),
      datasets: [{ label: t('window.monthlyTotal'), data: totals, borderColor: '#2f6fb3', backgroundColor: '#2f6fb3', spanGaps: true }],
    },
    options: { responsive: true, maintainAspectRatio: false },
  });
  document.body.dataset.ready = 'true';
}
