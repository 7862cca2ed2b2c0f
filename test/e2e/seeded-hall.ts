import { createHall, type HallFixture, type TestApp } from '../../services/api/src/testing/test-app.ts';

/** The service's clock in these tests: 10 March 2026, noon in Shanghai (March is the open month). */
export const NOW = '2026-03-10T04:00:00Z';
export const FINAL_MONTH = '2026-01';
export const PRELIMINARY_MONTH = '2026-02';
export const OPEN_MONTH = '2026-03';

type Ev = { id: string; type: string; occurredAt: string; data: Record<string, unknown> };

/** 7 approval and 5 public-service windows: docs/domain.md §7 gives each kind one red flag and one advanced window. */
export const WINDOWS = [
  ['a01', 'A01', '企业开办', 'd1', 'approval'],
  ['a02', 'A02', '不动产登记', 'd2', 'approval'],
  ['a03', 'A03', '社保医保', 'd3', 'approval'],
  ['a04', 'A04', '住房公积金', 'd3', 'approval'],
  ['a05', 'A05', '税务办理', 'd1', 'approval'],
  ['a06', 'A06', '户籍办理', 'd2', 'approval'],
  ['a07', 'A07', '出入境证件', 'd2', 'approval'],
  ['p01', 'B01', '咨询导办', 'd1', 'public_service'],
  ['p02', 'B02', '帮办代办', 'd1', 'public_service'],
  ['p03', 'B03', '邮政寄递', 'd3', 'public_service'],
  ['p04', 'B04', '自助服务区', 'd3', 'public_service'],
  ['p05', 'B05', '综合受理', 'd2', 'public_service'],
] as const;
const STAFF_NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周杰', '吴霞', '徐亮', '孙丽'];

function organisation(): Ev[] {
  const at = '2026-01-02T01:00:00Z';
  const ev = (id: string, type: string, data: Record<string, unknown>): Ev => ({ id, type, occurredAt: at, data });
  return [
    ev('dep-d1', 'DepartmentRegistered', { departmentId: 'd1', name: '市场监督管理局' }),
    ev('dep-d2', 'DepartmentRegistered', { departmentId: 'd2', name: '公安局' }),
    ev('dep-d3', 'DepartmentRegistered', { departmentId: 'd3', name: '人力资源和社会保障局' }),
    ...WINDOWS.map(([windowId, number, name, departmentId, kind]) => ev(`win-${windowId}`, 'WindowOpened', { windowId, number, name, departmentId, kind })),
    ...WINDOWS.map(([windowId, , , departmentId], i) => ev(`staff-${windowId}`, 'StaffRegistered', { staffId: `s-${windowId}`, name: STAFF_NAMES[i]!, departmentId })),
    ...WINDOWS.map(([windowId]) => ev(`assign-${windowId}`, 'StaffAssigned', { staffId: `s-${windowId}`, windowId, post: 'A' })),
    ev('item-1', 'ServiceItemRegistered', { serviceItemId: 'item-1', name: '营业执照办理', departmentId: 'd1', committedWorkingDays: 3 }),
  ];
}

/** February at a01: one served ticket and one rating of each verdict (counted, duplicate, unverified, suspicious). */
function februaryRatings(): Ev[] {
  const at = (minute: number, second = 0) => `2026-02-10T02:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}Z`;
  const rating = (id: string, minute: number, second: number, data: Record<string, unknown>): Ev => ({
    id,
    type: 'RatingSubmitted',
    occurredAt: at(minute, second),
    data: { ratingId: id, windowId: 'a01', ...data },
  });
  return [
    { id: 'tk-1', type: 'TicketIssued', occurredAt: at(0), data: { ticketId: 'tk-1', number: 'A001', serviceItemId: 'item-1' } },
    { id: 'tk-1-done', type: 'ServiceCompleted', occurredAt: at(10), data: { ticketId: 'tk-1', windowId: 'a01', staffId: 's-a01', outcome: 'completed' } },
    rating('r-counted', 11, 0, { level: 5, channel: 'kiosk', ticketId: 'tk-1' }),
    rating('r-suspicious', 11, 1, { level: 5, channel: 'kiosk', ticketId: 'tk-1' }),
    rating('r-duplicate', 20, 0, { level: 1, channel: 'qr', ticketId: 'tk-1' }),
    rating('r-unverified', 25, 0, { level: 2, channel: 'web', ticketId: 'tk-unknown' }),
  ];
}

/** One inspection giving each window its number of badge findings (−1 each), so the ranking follows the counts. */
export function findings(id: string, occurredAt: string, counts: Record<string, number>): Ev {
  return {
    id,
    type: 'InspectionRecorded',
    occurredAt,
    data: {
      inspectionId: id,
      inspectorId: 'insp-1',
      findings: Object.entries(counts)
        .filter(([, count]) => count > 0)
        .map(([windowId, count]) => ({ ruleCode: 'CON_BADGE_UNIFORM', windowId, staffId: `s-${windowId}`, count, note: '未佩戴工作牌' })),
    },
  };
}

export interface SeededHall extends HallFixture {
  dashboardToken: string;
  headToken: (windowId: string) => Promise<string>;
}

/**
 * A 12-window hall with January final (a01 and p01 red flag, a02 and p02
 * advanced), February in its objection window, and March open with a07 and
 * p05 leading. The app's clock must read NOW.
 */
export async function seedHall(t: TestApp): Promise<SeededHall> {
  const hall = await createHall(t, { name: '示范区政务服务中心', assessmentStartsOn: '2026-01-01', autoAdvance: false });
  await hall.post(organisation());
  await hall.post([
    findings('insp-jan', '2026-01-15T02:00:00Z', { a02: 1, a03: 2, a04: 3, a05: 4, a06: 5, a07: 6, p02: 1, p03: 2, p04: 3, p05: 4 }),
    findings('insp-feb', '2026-02-12T02:00:00Z', { a01: 2, a02: 1, a03: 3, p01: 1 }),
    ...februaryRatings(),
    findings('insp-mar', '2026-03-05T02:00:00Z', { a06: 1, a05: 2, a04: 3, a03: 4, a02: 5, a01: 6, p04: 1, p03: 2, p02: 3, p01: 4 }),
  ]);
  for (const [period, to] of [[FINAL_MONTH, 'final'], [PRELIMINARY_MONTH, 'preliminary']] as const) {
    const res = await hall.supervisor.post(`/v1/halls/${hall.hallId}/periods/${period}/transitions`, { to });
    if (res.statusCode !== 200) throw new Error(`transition of ${period} failed: ${res.body}`);
  }
  const dashboard = await hall.client('dashboard');
  return {
    ...hall,
    dashboardToken: dashboard.token,
    headToken: async (windowId) => (await hall.client('window_head', { windowId })).token,
  };
}
