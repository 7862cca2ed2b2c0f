import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import type { LineItem, RatingStatus, ScoreDocument } from '@hall/contracts';
import { ApiError, getJson, hallPath, params, postJson, token, type BoardFrame, type MonthAppeal, type WindowInfo } from './api.ts';
import { h, mount } from './dom.ts';
import { showError } from './board.ts';
import { APPEAL_STATUS, CATEGORY, ERROR_TEXT, KIND, LINE_STATUS, RATING_STATUS, RATING_WHY, STAGE, month, points, score } from './labels.ts';

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

  const boardHref = `/board/${encodeURIComponent(hallId)}?${new URLSearchParams({ token, period })}`;
  const select = h(
    'select',
    {
      id: 'month',
      'aria-label': '选择月份',
      onchange: (e: Event) => {
        const q = new URLSearchParams(location.search);
        q.set('period', (e.target as HTMLSelectElement).value);
        location.search = q.toString();
      },
    },
    frame.months.map((m) => h('option', { value: m.period, selected: m.period === period }, `${month(m.period)} · ${STAGE[m.stage]}`)),
  );

  const message = h('p', { class: 'message', role: 'status' });
  const appealCell = (item: LineItem) => {
    const appeal = appealOf.get(item.id);
    if (appeal) return h('span', { class: `appeal ${appeal.status}` }, APPEAL_STATUS[appeal.status]);
    if (!mayAppeal || item.status !== 'counted') return '';
    return h('button', { type: 'button', class: 'appeal-button', 'data-line-item': item.id, onclick: (e: Event) => openAppeal(item, e.target as HTMLElement) }, '申诉');
  };

  const openAppeal = (item: LineItem, button: HTMLElement) => {
    const row = button.closest('tr')!;
    row.nextElementSibling?.classList.contains('appeal-form') && row.nextElementSibling.remove();
    const reason = h('textarea', { name: 'reason', rows: 2, maxlength: 2000, placeholder: '请写明申诉理由（必填）' });
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
                message.textContent = '请填写申诉理由';
                return;
              }
              try {
                const filed = await postJson<MonthAppeal>(`${base}/appeals`, { lineItemId: item.id, reason: text });
                appealOf.set(item.id, filed);
                button.replaceWith(h('span', { class: 'appeal pending' }, APPEAL_STATUS.pending));
                form.remove();
                message.textContent = '申诉已提交，等待领导小组处理';
              } catch (error) {
                const status = error instanceof ApiError ? error.status : 0;
                message.textContent = `申诉未提交：${ERROR_TEXT[status] ?? ''} ${error instanceof Error ? error.message : ''}`;
              }
            },
          },
          h('label', {}, `申诉 ${item.ruleCode}（${points(item.points)} 分）`),
          reason,
          h('button', { type: 'submit', class: 'submit-appeal' }, '提交申诉'),
          h('button', { type: 'button', onclick: () => form.remove() }, '取消'),
        ),
      ),
    );
    row.after(form);
    reason.focus();
  };

  const statusCounts = Object.fromEntries((Object.keys(RATING_STATUS) as Array<keyof typeof RATING_STATUS>).map((s) => [s, ratings.filter((r) => r.status === s).length]));
  const notCounted = ratings.filter((r) => r.status !== 'counted');
  const m = doc.metrics;
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

  const barCanvas = h('canvas', { id: 'categories-chart', 'aria-label': '各类别得分' });
  const lineCanvas = h('canvas', { id: 'trend-chart', 'aria-label': '近12个月总分' });

  mount(
    h(
      'div',
      { class: 'window-page' },
      h(
        'header',
        {},
        h('a', { href: boardHref, class: 'back' }, '← 返回排名'),
        h('h1', {}, info ? `${info.number} ${info.name}` : windowId),
        h('div', { class: 'meta' }, info ? `${KIND[info.kind]} · ${info.departmentName ?? info.departmentId}` : '', ' ', h('label', {}, '月份 ', select)),
      ),
      h(
        'section',
        { class: 'summary' },
        h('div', { class: 'card total' }, h('span', {}, `${month(period)}总分`), h('strong', { id: 'total' }, score(doc.total))),
        h('div', { class: 'card' }, h('span', {}, '阶段'), h('strong', {}, STAGE[doc.stage]), doc.version ? h('small', {}, `第 ${doc.version} 版`) : null),
        h('div', { class: 'card' }, h('span', {}, '一票否决'), h('strong', { class: doc.veto ? 'veto-text' : '' }, doc.veto ? '是' : '否')),
        h('div', { class: 'card' }, h('span', {}, '加分（计入/上限）'), h('strong', {}, `${doc.bonus.counted} / ${doc.bonus.cap}`)),
        h('div', { class: 'card' }, h('span', {}, '满意度'), h('strong', {}, pct(m.satisfactionRate))),
        h('div', { class: 'card' }, h('span', {}, '评价率'), h('strong', {}, pct(m.ratingRate))),
        h('div', { class: 'card' }, h('span', {}, '办结/受理'), h('strong', {}, `${m.ticketsCompleted} / ${m.casesAccepted}`)),
      ),
      mayAppeal ? h('p', { class: 'notice' }, '本月处于异议期：如对扣分有异议，请点击该行的“申诉”按钮。') : null,
      message,
      h('section', { class: 'charts' }, h('figure', {}, h('figcaption', {}, '各类别得分'), h('div', { class: 'chart' }, barCanvas)), h('figure', {}, h('figcaption', {}, '近12个月总分'), h('div', { class: 'chart' }, lineCanvas))),
      h(
        'section',
        {},
        h('h2', {}, `扣分与加分明细（${doc.lineItems.length} 项）`),
        h(
          'table',
          { class: 'line-items' },
          h('thead', {}, h('tr', {}, ['类别', '规则', '说明', '分值', '相关事件', '状态', '申诉'].map((t) => h('th', {}, t)))),
          h(
            'tbody',
            {},
            doc.lineItems.length === 0 ? h('tr', {}, h('td', { colspan: 7, class: 'empty' }, '本月没有扣分或加分')) : null,
            doc.lineItems.map((item) =>
              h(
                'tr',
                { 'data-line-item': item.id, class: item.status },
                h('td', {}, CATEGORY[item.category] ?? item.category),
                h('td', { class: 'code' }, item.ruleCode),
                h('td', {}, item.note ?? '', item.veto ? h('span', { class: 'badge veto' }, '一票否决') : null),
                h('td', { class: `points ${item.points < 0 ? 'minus' : 'plus'}` }, points(item.points)),
                h('td', { class: 'events' }, item.eventIds.join('\n')),
                h('td', {}, LINE_STATUS[item.status]),
                h('td', {}, appealCell(item)),
              ),
            ),
          ),
        ),
      ),
      h(
        'section',
        { class: 'ratings' },
        h('h2', {}, `群众评价（${ratings.length} 条）`),
        h('ul', { class: 'rating-counts' }, (Object.keys(RATING_STATUS) as Array<keyof typeof RATING_STATUS>).map((s) => h('li', { 'data-status': s }, h('strong', {}, `${RATING_STATUS[s]} ${statusCounts[s]}`), h('small', {}, RATING_WHY[s])))),
        notCounted.length > 0
          ? h(
              'table',
              { class: 'ratings-table' },
              h('thead', {}, h('tr', {}, ['评价', '星级', '人员', '状态', '原因'].map((t) => h('th', {}, t)))),
              h('tbody', {}, notCounted.slice(0, 100).map((r) => h('tr', {}, h('td', {}, r.ratingId), h('td', {}, r.level), h('td', {}, r.staffId ?? '—'), h('td', {}, RATING_STATUS[r.status]), h('td', {}, RATING_WHY[r.status])))),
            )
          : null,
      ),
    ),
  );

  new Chart(barCanvas, {
    type: 'bar',
    data: {
      labels: doc.categories.map((c) => CATEGORY[c.code] ?? c.code),
      datasets: [
        { label: '得分', data: doc.categories.map((c) => c.score), backgroundColor: '#2f6fb3' },
        { label: '扣分', data: doc.categories.map((c) => c.lost), backgroundColor: '#e8a25c' },
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
      datasets: [{ label: '月度总分', data: totals, borderColor: '#2f6fb3', backgroundColor: '#2f6fb3', spanGaps: true }],
    },
    options: { responsive: true, maintainAspectRatio: false },
  });
  document.body.dataset.ready = 'true';
}
