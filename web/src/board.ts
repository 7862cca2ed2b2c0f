import type { RankingEntry } from '@hall/contracts';
import { ApiError, getJson, hallPath, params, token, type BoardFrame, type WindowInfo } from './api.ts';
import { h, mount } from './dom.ts';
import { ERROR_TEXT, HONOUR, KIND, STAGE, month, score } from './labels.ts';

interface MonthRankings {
  period: string;
  stage: BoardFrame['months'][number]['stage'];
  version: number | null;
  approval: RankingEntry[];
  public_service: RankingEntry[];
}

/** Seconds between refreshes: 30 on the hall's screens; `?refresh=` (1–3600) for tests and slow links. */
const REFRESH_SECONDS = Math.min(3600, Math.max(1, Number(params.get('refresh')) || 30));

export async function showBoard(hallId: string): Promise<void> {
  let period = params.get('period');
  let frame: BoardFrame | undefined;
  let windows = new Map<string, WindowInfo>();
  let selected: MonthRankings | undefined;
  let final: MonthRankings | undefined;
  let updatedAt = new Date();

  const windowHref = (windowId: string, forPeriod: string) => {
    const q = new URLSearchParams({ token, period: forPeriod });
    return `/board/${encodeURIComponent(hallId)}/windows/${encodeURIComponent(windowId)}?${q}`;
  };

  const table = (ranking: MonthRankings, kind: 'approval' | 'public_service') => {
    const entries = ranking[kind];
    return h(
      'table',
      { class: 'ranking', 'data-kind': kind },
      h('caption', {}, KIND[kind]),
      h('thead', {}, h('tr', {}, h('th', { class: 'rank' }, '名次'), h('th', {}, '窗口'), h('th', { class: 'total' }, '得分'), h('th', { class: 'honour' }, '荣誉'))),
      h(
        'tbody',
        {},
        entries.length === 0 ? h('tr', {}, h('td', { colspan: 4, class: 'empty' }, '暂无窗口')) : null,
        entries.map((e) => {
          const w = windows.get(e.windowId);
          return h(
            'tr',
            { 'data-window-id': e.windowId, class: e.honour ?? '' },
            h('td', { class: 'rank' }, e.rank),
            h('td', { class: 'name' }, h('a', { href: windowHref(e.windowId, ranking.period) }, w ? h('span', { class: 'number' }, w.number) : null, w?.name ?? e.windowId)),
            h('td', { class: 'total' }, score(e.total)),
            h(
              'td',
              { class: 'honour' },
              e.honour ? h('span', { class: `badge ${e.honour}` }, HONOUR[e.honour]) : null,
              e.veto ? h('span', { class: 'badge veto' }, '一票否决') : null,
            ),
          );
        }),
      ),
    );
  };

  const panel = (name: string, title: string, ranking: MonthRankings | undefined, note?: string) =>
    h(
      'section',
      { class: 'panel', 'data-panel': name, 'data-period': ranking?.period },
      h('h2', {}, title),
      ranking ? [table(ranking, 'approval'), table(ranking, 'public_service')] : h('p', { class: 'empty' }, note ?? '暂无数据'),
    );

  const render = () => {
    if (!frame) return;
    const current = frame.currentPeriod;
    const shown = selected!.period;
    const selectedTitle = shown === current ? `本月实时排名 · ${month(shown)}` : `${month(shown)}排名 · ${STAGE[selected!.stage]}`;
    const select = h(
      'select',
      {
        id: 'month',
        'aria-label': '选择月份',
        onchange: (e: Event) => {
          period = (e.target as HTMLSelectElement).value;
          const q = new URLSearchParams(location.search);
          q.set('period', period);
          history.replaceState(null, '', `${location.pathname}?${q}`);
          void refresh(true);
        },
      },
      frame.months.map((m) => h('option', { value: m.period, selected: m.period === shown }, `${month(m.period)} · ${STAGE[m.stage]}`)),
    );
    mount(
      h(
        'div',
        { class: 'board' },
        h(
          'header',
          {},
          h('h1', {}, `${frame.hall.name} · 窗口考核排名`),
          h('div', { class: 'meta' }, h('label', {}, '月份 ', select), h('span', { class: 'updated' }, `更新于 ${updatedAt.toLocaleTimeString('zh-CN', { hour12: false })}`)),
        ),
        h(
          'main',
          { class: 'panels' },
          panel('selected', selectedTitle, selected),
          panel('final', frame.latestFinalPeriod ? `最近正式结果 · ${month(frame.latestFinalPeriod)}` : '最近正式结果', final, '尚无正式发布的月份'),
        ),
        h('footer', {}, '红旗窗口：同类窗口前15%　先进窗口：其后至30%　一票否决的窗口参加排名但不评荣誉'),
      ),
    );
  };

  const refresh = async (force = false) => {
    try {
      const f = await getJson<BoardFrame>(`${hallPath(hallId)}/board`);
      const w = await getJson<{ windows: WindowInfo[] }>(`${hallPath(hallId)}/windows`);
      frame = f.body;
      windows = new Map(w.body.windows.map((x) => [x.windowId, x]));
      const shown = period ?? frame.currentPeriod;
      const s = await getJson<MonthRankings>(`${hallPath(hallId)}/periods/${shown}/rankings`);
      const fin = frame.latestFinalPeriod ? await getJson<MonthRankings>(`${hallPath(hallId)}/periods/${frame.latestFinalPeriod}/rankings`) : undefined;
      const changed = force || f.changed || w.changed || s.changed || (fin?.changed ?? final !== undefined);
      selected = s.body;
      final = fin?.body;
      updatedAt = new Date();
      document.querySelector('.error')?.remove();
      if (changed) render();
      else document.querySelector('.updated')?.replaceChildren(`更新于 ${updatedAt.toLocaleTimeString('zh-CN', { hour12: false })}`);
    } catch (error) {
      showError(error);
    }
  };

  await refresh(true);
  document.body.dataset.ready = 'true';
  setInterval(() => void refresh(), REFRESH_SECONDS * 1000);
}

export function showError(error: unknown): void {
  const status = error instanceof ApiError ? error.status : 0;
  const detail = error instanceof Error ? error.message : String(error);
  const existing = document.querySelector('.board, .window-page');
  const box = h('div', { class: 'error', role: 'alert' }, h('strong', {}, ERROR_TEXT[status] ?? '数据加载失败'), h('p', {}, detail));
  if (existing) {
    document.querySelector('.error')?.remove();
    existing.prepend(box);
  } else {
    mount(box);
  }
}
