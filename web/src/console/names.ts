import { getJson, type WindowInfo } from '../api.ts';
import type { ConsoleContext } from './menu.ts';

export interface StaffName { staffId: string; name: string; departmentId: string; departmentName: string | null }
export interface Names {
  timeZone: string;
  windows: WindowInfo[];
  staff: StaffName[];
  departments: Array<{ departmentId: string; name: string }>;
}

/** The hall's windows, staff and departments by name, for the pickers (open windows only: nobody records against a closed one). */
export async function loadNames(ctx: ConsoleContext): Promise<Names> {
  const [windows, staff, departments] = await Promise.all([
    getJson<{ windows: WindowInfo[] }>(`${ctx.base}/windows`).then((r) => r.body.windows.filter((w) => !w.closed)),
    getJson<{ staff: StaffName[] }>(`${ctx.base}/staff`).then((r) => r.body.staff),
    getJson<{ departments: Names['departments'] }>(`${ctx.base}/departments`).then((r) => r.body.departments),
  ]);
  return { timeZone: ctx.frame.hall.timezone, windows, staff, departments };
}
