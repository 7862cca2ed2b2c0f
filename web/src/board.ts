import type { BadRatingRatesFigures, RankingEntry } from '@hall/contracts';
import { ApiError, getJson, hallPath, pageHref, params, type BoardFrame, type WindowInfo } from './api.ts';
import { h, mount } from './dom.ts';
import { i18n, languageSwitch, t } from './i18n.ts';
import { errorText, month, score } from './labels.ts';
import { pageOf, rowBudget } from './board-pages.ts';
import { badRatingRatesList, sumRates } from './bad-rating-rates.ts';

interface WindowScores {
  period: string;
  windows: Array<{ windowId: string; badRatingRates?: BadRatingRatesFigures }>;
}

interface MonthRankings {
  period: string;
  stage: BoardFrame['months'][number]['stage'];
  version: number | null;
  approval: RankingEntry[];
  public_service: RankingEntry[];
}

/** Seconds between refreshes: 30 on the hall's screens; `?refresh=` (1–3600) for tests and slow links. */
const REFRESH_SECONDS = Math.min(3600, Math.max(1, Number(params.get('refresh')) || 30));
/** Seconds a page of a long ranking stays on screen before the next one (`?rotate=`). */
const ROTATE_SECONDS = Math.min(600, Math.max(1, Number(params.get('rotate')) || 10));

export async function showBoard(hallId: string): Promise<void> {
  let period = params.get('period');
  let frame: BoardFrame | undefined;
  let windows = new Map<string, WindowInfo>();
  let selected: MonthRankings | undefined;
  let final: MonthRankings | undefined;
  let hallRates: BadRatingRatesFigures | undefined;
  let updatedAt = new Date();
  let tick = 0;

  const windowHref = (windowId: string, forPeriod: string) => {
    return pageHref(`/board/${encodeURIComponent(hallId)}/windows/${encodeURIComponent(windowId)}`, { period: forPeriod });
  };

  const table = (ranking: MonthRankings, kind: 'approval' | 'public_service', budget: number) => {
    const all = ranking[kind];
    const { rows: entries, page, pages } = pageOf(all, budget, tick);
    return h(
      'table',
      { class: 'ranking', 'data-kind': kind, 'data-page': page, 'data-pages': pages },
      h('caption', {}, t(`kind.${kind}`), pages > 1 ? h('span', { class: 'page-of' }, t('board.pageOf', { page, pages })) : null),
      h('thead', {}, h('tr', {}, h('th', { class: 'rank', scope: 'col' }, t('board.rank')), h('th', { scope: 'col' }, t('board.window')), h('th', { class: 'total', scope: 'col' }, t('board.score')), h('th', { class: 'honour', scope: 'col' }, t('board.honour')))),
      h(
        'tbody',
        {},
        all.length === 0 ? h('tr', {}, h('td', { colspan: 4, class: 'empty' }, t('board.noWindows'))) : null,
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
              e.honour ? h('span', { class: `badge ${e.honour}` }, t(`honour.${e.honour}`)) : null,
              e.veto ? h('span', { class: 'badge veto' }, t('veto')) : null,
            ),
          );
        }),
      ),
    );
  };

  const panel = (name: string, title: string, ranking: MonthRankings | undefined, note?: string) => {
    const budget = ranking ? rowBudget(ranking.approval.length, ranking.public_service.length) : { approval: 0, public_service: 0 };
    return h(
      'section',
      { class: 'panel', 'data-panel': name, 'data-period': ranking?.period },
      h('h2', {}, title),
      ranking ? [table(ranking, 'approval', budget.approval), table(ranking, 'public_service', budget.public_service)] : h('p', { class: 'empty' }, note ?? t('board.noData')),
    );
  };

  const updatedText = () => t('board.updatedAt', { time: i18n.time(updatedAt, frame?.hall.timezone ?? 'Asia/Shanghai') });

  const render = () => {
    if (!frame) return;
    const current = frame.currentPeriod;
    const shown = selected!.period;
    const selectedTitle = shown === current ? t('board.liveTitle', { month: month(shown) }) : t('board.monthTitle', { month: month(shown), stage: t(`stage.${selected!.stage}`) });
    const select = h(
      'select',
      {
        id: 'month',
        'aria-label': t('board.chooseMonth'),
        onchange: (e: Event) => {
          period = (e.target as HTMLSelectElement).value;
          const q = new URLSearchParams(location.search);
          q.set('period', period);
          history.replaceState(null, '', `${location.pathname}?${q}`);
          void refresh(true);
        },
      },
      frame.months.map((m) => h('option', { value: m.period, selected: m.period === shown }, `${month(m.period)} · ${t(`stage.${m.stage}`)}`)),
    );
    const staffHref = pageHref(`/board/${encodeURIComponent(hallId)}/staff`, { period: shown });
    mount(
      h(
        'div',
        { class: 'board' },
        h(
          'header',
          {},
          h('h1', {}, t('board.heading', { hall: frame.hall.name })),
          h(
            'div',
            { class: 'meta' },
            h('label', {}, t('board.monthLabel'), ' ', select),
            h('a', { href: staffHref, class: 'staff-link' }, t('board.staff')),
            h('span', { class: 'updated' }, updatedText()),
            languageSwitch(),
          ),
        ),
        h(
          'main',
          { class: 'panels' },
          panel('selected', selectedTitle, selected),
          panel('final', frame.latestFinalPeriod ? t('board.latestFinalOf', { month: month(frame.latestFinalPeriod) }) : t('board.latestFinal'), final, t('board.noFinalYet')),
        ),
        h(
          'footer',
          {},
          h('span', {}, t('honoursRule')),
          // The selected month's rates for the whole hall, on the footer's line so the rankings keep their rows.
          hallRates ? h('div', { class: 'bad-rating-rates' }, h('span', { class: 'rate-heading' }, t('board.badRatingRates')), badRatingRatesList(hallRates)) : null,
        ),
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
      const scores = await getJson<WindowScores>(`${hallPath(hallId)}/periods/${shown}/windows`);
      const changed = force || f.changed || w.changed || s.changed || scores.changed || (fin?.changed ?? final !== undefined);
      hallRates = sumRates(scores.body.windows.map((x) => x.badRatingRates));
      selected = s.body;
      final = fin?.body;
      updatedAt = new Date();
      document.querySelector('.error')?.remove();
      if (changed) render();
      else document.querySelector('.updated')?.replaceChildren(updatedText());
    } catch (error) {
      showError(error);
    }
  };

  await refresh(true);
  document.body.dataset.ready = 'true';
  setInterval(() => void refresh(), REFRESH_SECONDS * 1000);
  // Long rankings show a page at a time; only a hall with more rows than the screen holds rotates.
  setInterval(() => {
    if (!document.querySelector('table.ranking[data-pages]:not([data-pages="1"])')) return;
    tick += 1;
    render();
  }, ROTATE_SECONDS * 1000);
}

export function showError(error: unknown): void {
  const status = error instanceof ApiError ? error.status : 0;
  const detail = error instanceof Error ? error.message : String(error);
  const existing = document.querySelector('.board, .window-page, .staff-board');
  const box = h('div', { class: 'error', role: 'alert' }, h('strong', {}, errorText(status)), h('p', {}, detail));
  if (existing) {
    document.querySelector('.error')?.remove();
    existing.prepend(box);
  } else {
    mount(box);
  }
}
