import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHall, createTestApp, type ApiClient, type HallFixture, type TestApp } from '../testing/test-app.ts';
import { organisationEvents } from '@hall/testing';

let t: TestApp;
let hall: HallFixture;
let staff: ApiClient;

beforeAll(async () => {
  t = await createTestApp();
  hall = await createHall(t);
  await hall.post(organisationEvents());
  staff = await hall.client('staff', { staffId: 's1' });
});
afterAll(() => t.close());

describe('a staff token (decision 1601)', () => {
  it('is refused for an unknown person with 422 naming /staffId, and issues no token', async () => {
    const res = await hall.admin.post(`/v1/halls/${hall.hallId}/clients`, { name: 'ghost', role: 'staff', staffId: 's-never' });
    expect(res.statusCode).toBe(422);
    expect(res.data).toMatchObject({ status: 422, code: 'UNKNOWN_REFERENCE' });
    expect(res.data.errors).toEqual([{ path: '/staffId', message: expect.stringContaining('s-never') }]);
    const rows = await t.database.db.selectFrom('clients').select('client_id').where('hall_id', '=', hall.hallId).where('role', '=', 'staff').execute();
    expect(rows).toHaveLength(1);
  });

  it('needs a staffId, and only role staff takes one', async () => {
    const missing = await hall.admin.post(`/v1/halls/${hall.hallId}/clients`, { name: 'nobody', role: 'staff' });
    expect(missing.statusCode).toBe(422);
    expect(missing.data.errors).toEqual([expect.objectContaining({ path: '/staffId' })]);
    const misplaced = await hall.admin.post(`/v1/halls/${hall.hallId}/clients`, { name: 'dash', role: 'dashboard', staffId: 's1' });
    expect(misplaced.statusCode).toBe(422);
    expect(misplaced.data.errors).toEqual([expect.objectContaining({ path: '/staffId' })]);
  });

  it('names its person in the board frame', async () => {
    const res = await staff.get(`/v1/halls/${hall.hallId}/board`);
    expect(res.statusCode).toBe(200);
    expect(res.data.viewer).toEqual({ role: 'staff', windowId: null, staffId: 's1', staffName: '张三' });
  });

  it('reads its own month and nobody else’s', async () => {
    const own = await staff.get(`/v1/halls/${hall.hallId}/periods/2026-09/staff/s1`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.data.subject).toEqual({ type: 'staff', id: 's1' });
    for (const url of ['periods/2026-09/staff/s2', 'periods/2026-09/windows/w1', 'periods/2026-09/windows', 'periods/2026-09/staff', 'periods/2026-09/rankings', 'staff', 'windows', 'rules']) {
      const res = await staff.get(`/v1/halls/${hall.hallId}/${url}`);
      expect(res.statusCode, url).toBe(403);
    }
  });

  it('reads only its own entry of the quarter and the year', async () => {
    // The quarter and the year count final months only.
    expect((await hall.supervisor.post(`/v1/halls/${hall.hallId}/periods/2026-09/transitions`, { to: 'final' })).statusCode).toBe(200);
    const quarter = await staff.get(`/v1/halls/${hall.hallId}/quarters/2026-Q3/staff`);
    expect(quarter.statusCode, quarter.body).toBe(200);
    expect(quarter.data.staff.map((s: { staffId: string }) => s.staffId)).toEqual(['s1']);
    const all = await hall.supervisor.get(`/v1/halls/${hall.hallId}/quarters/2026-Q3/staff`);
    expect(all.data.staff.length).toBeGreaterThan(1);
    const year = await staff.get(`/v1/halls/${hall.hallId}/years/2026`);
    expect(year.statusCode, year.body).toBe(200);
    expect(year.data.windows).toEqual([]);
    expect(year.data.notify).toEqual([]);
    expect(year.data.staff.map((s: { staffId: string }) => s.staffId)).toEqual(['s1']);
    expect(year.data.stars.every((id: string) => id === 's1')).toBe(true);
  });
});
