import { describe, expect, it } from 'vitest';
import { pageOf, rowBudget, ROWS_PER_PANEL } from './board-pages.ts';

describe('a ranking panel on a 1920×1080 screen', () => {
  it('shows every window when both kinds fit', () => {
    expect(rowBudget(7, 5)).toEqual({ approval: 7, public_service: 5 });
    expect(pageOf(['a', 'b', 'c'], 7, 3)).toEqual({ rows: ['a', 'b', 'c'], page: 1, pages: 1 });
  });

  it('shares the rows when a hall has more than 16 windows, a small kind keeping all of its own', () => {
    expect(rowBudget(30, 4)).toEqual({ approval: ROWS_PER_PANEL - 4, public_service: 4 });
    const shared = rowBudget(24, 20);
    expect(shared.approval + shared.public_service).toBe(ROWS_PER_PANEL);
    expect(shared.approval).toBeGreaterThanOrEqual(shared.public_service);
  });

  it('rotates through the pages of a long ranking and comes back to the first', () => {
    const windows = Array.from({ length: 30 }, (_, i) => i + 1);
    expect(pageOf(windows, 12, 0)).toMatchObject({ page: 1, pages: 3, rows: windows.slice(0, 12) });
    expect(pageOf(windows, 12, 2)).toMatchObject({ page: 3, rows: windows.slice(24) });
    expect(pageOf(windows, 12, 3).page).toBe(1);
  });
});
