import { getJson, hallPath, pageHref, params, type BoardFrame } from './api.ts';
import { h, mount } from './dom.ts';
import { i18n, languageSwitch, t } from './i18n.ts';
import { month } from './labels.ts';
import { pageOf } from './board-pages.ts';
import { showError } from './board.ts';

interface StaffTotals {
  period: string;
  stage: BoardFrame['months'][number]['stage'];
  staff: Array<{ staffId: string; total: number; veto: boolean }>;
}
interface StaffInfo {
  staffId: string;
  name: string;
  departmentName: string | null;
}

/** Rows of one column and columns of one screen: 3 × 15 names at 30 px fill 1920×1080 without scrolling. */
const ROWS_PER_COLUMN = 15;
const COLUMNS = 3;
const ROTATE_SECONDS = Math.min(600, Math.max(1, Number(params.get('rotate')) || 10));

/** Ranks by total, highest first; equal totals share a rank and the next rank skips (1, 2, 2, 4). */
export function rankStaff<T extends { total: number }>(rows: readonly T[]): Array<T & { rank: number }> {
  const sorted = [...rows].sort((a, b) => b.total - a.total);
  return sorted.map((row) => ({ ...row, rank: sorted.findIndex((x) => x.total === row.total) + 1 }));
}

/** The staff ranking page of the display board: every assessed staff member's monthly total, a screen at a time. */
export async function showStaffBoard(hallId: string): Promise<void> {
  let tick = 0;
  let frame: BoardFrame;
  let totals: StaffTotals;
  let names: Map<string, StaffInfo>;
  try {
    frame = (await getJson<BoardFrame>(`${hallPath(hallId)}/board`)).body;
    const period = params.get('period') ?? frame.currentPeriod;
    [totals, names] = await Promise.all([
      getJson<StaffTotals>(`${hallPath(hallId)}/periods/${period}/staff`).then((r) => r.body),
      getJson<{ staff: StaffInfo[] }>(`${hallPath(hallId)}/staff`).then((r) => new Map(r.body.staff.map((s) => [s.staffId, s]))),
    ]);
  } catch (error) {
    showError(error);
    return;
  }
  const ranked = rankStaff(totals.staff);
  const boardHref = pageHref(`/board/${encodeURIComponent(hallId)}`, { period: totals.period });

  const render = () => {
    const { rows, page, pages } = pageOf(ranked, ROWS_PER_COLUMN * COLUMNS, tick);
    const columns = Array.from({ length: COLUMNS }, (_, c) => rows.slice(c * ROWS_PER_COLUMN, (c + 1) * ROWS_PER_COLUMN)).filter((c) => c.length > 0);
    mount(
      h(
        'div',
        { class: 'board staff-board' },
        h(
          'header',
          {},
          h('h1', {}, t('board.staffRanking', { month: month(totals.period) })),
          h('div', { class: 'meta' }, h('span', {}, t(`stage.${totals.stage}`)), pages > 1 ? h('span', { class: 'page-of' }, t('board.pageOf', { page, pages })) : null, h('a', { href: boardHref }, t('window.back')), languageSwitch()),
        ),
        h(
          'main',
          { class: 'staff-columns' },
          ranked.length === 0 ? h('p', { class: 'empty' }, t('board.noStaff')) : null,
          columns.map((column) =>
            h(
              'table',
              { class: 'ranking staff' },
              h('thead', {}, h('tr', {}, h('th', { class: 'rank', scope: 'col' }, t('board.rank')), h('th', { scope: 'col' }, t('board.staff')), h('th', { class: 'total', scope: 'col' }, t('board.score')))),
              h(
                'tbody',
                {},
                column.map((s) =>
                  h(
                    'tr',
                    { 'data-staff-id': s.staffId },
                    h('td', { class: 'rank' }, s.rank),
                    h('td', { class: 'name' }, names.get(s.staffId)?.name ?? s.staffId, s.veto ? h('span', { class: 'badge veto' }, t('veto')) : null, h('small', {}, names.get(s.staffId)?.departmentName ?? '')),
                    h('td', { class: 'total' }, i18n.number(s.total, 2)),
                  ),
                ),
              ),
            ),
          ),
        ),
      ),
    );
  };
  render();
  document.body.dataset.ready = 'true';
  setInterval(() => {
    if (ranked.length <= ROWS_PER_COLUMN * COLUMNS) return;
    tick += 1;
    render();
  }, ROTATE_SECONDS * 1000);
}
