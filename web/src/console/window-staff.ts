import { ApiError, getJson } from '../api.ts';
import type { ConsoleContext } from './menu.ts';
import { loadNames, type StaffName } from './names.ts';

interface StaffDoc { windowIds?: string[] }

/**
 * The staff who worked at `windowId` in `period`: a staff member's score
 * document names the windows they were assigned to (the same test the API
 * uses to let a window head read it). Candidates are the window department's
 * staff; a document the API refuses or that names another window is not theirs.
 */
export async function staffOfWindow(ctx: ConsoleContext, windowId: string, period: string): Promise<StaffName[]> {
  const names = await loadNames(ctx);
  const department = names.windows.find((w) => w.windowId === windowId)?.departmentId;
  const candidates = names.staff.filter((s) => s.departmentId === department);
  const found = await Promise.all(
    candidates.map(async (s) => {
      try {
        const doc = (await getJson<StaffDoc>(`${ctx.base}/periods/${period}/staff/${encodeURIComponent(s.staffId)}`)).body;
        return (doc.windowIds ?? []).includes(windowId) ? s : null;
      } catch (error) {
        if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return null;
        throw error;
      }
    }),
  );
  return found.filter((s): s is StaffName => s !== null);
}
