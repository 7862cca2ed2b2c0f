/**
 * How many ranking rows a 1920×1080 screen holds in one panel (both kinds
 * together) at the board's 34 px names: 16. A hall with more windows shows
 * each kind a page at a time, rotating (docs/decisions/1303-board-for-large-halls.md).
 */
export const ROWS_PER_PANEL = 16;

/** Rows each kind may use: all of them when both fit, else shared in proportion (at least 4 each). */
export function rowBudget(approval: number, publicService: number): { approval: number; public_service: number } {
  if (approval + publicService <= ROWS_PER_PANEL) return { approval: Math.max(approval, 1), public_service: Math.max(publicService, 1) };
  if (approval <= ROWS_PER_PANEL / 2) return { approval, public_service: ROWS_PER_PANEL - approval };
  if (publicService <= ROWS_PER_PANEL / 2) return { approval: ROWS_PER_PANEL - publicService, public_service: publicService };
  const a = Math.max(4, Math.round((ROWS_PER_PANEL * approval) / (approval + publicService)));
  return { approval: a, public_service: ROWS_PER_PANEL - a };
}

/** The page of `rows` shown at rotation step `tick` (1-based page numbers). */
export function pageOf<T>(rows: readonly T[], size: number, tick: number): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / Math.max(1, size)));
  const index = tick % pages;
  return { rows: rows.slice(index * size, index * size + size), page: index + 1, pages };
}
