import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHall, createTestApp, type HallFixture, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
let hall: HallFixture;

beforeAll(async () => {
  t = await createTestApp({ now: '2026-10-10T04:00:00Z' });
  hall = await createHall(t);
  const at = '2026-09-02T01:00:00Z';
  await hall.post([
    { id: 'd1', type: 'DepartmentRegistered', occurredAt: at, data: { departmentId: 'd1', name: '公安局' } },
    { id: 'd2', type: 'DepartmentRegistered', occurredAt: at, data: { departmentId: 'd2', name: '税务局' } },
    { id: 's2', type: 'StaffRegistered', occurredAt: at, data: { staffId: 's2', name: '王芳', departmentId: 'd2' } },
    { id: 's1', type: 'StaffRegistered', occurredAt: at, data: { staffId: 's1', name: '张伟', departmentId: 'd1' } },
    { id: 'i1', type: 'ServiceItemRegistered', occurredAt: at, data: { serviceItemId: 'i1', name: '户口迁移', departmentId: 'd1', committedWorkingDays: 5 } },
    // A kiosk client is bound to a window the hall has opened (decision 1101).
    { id: 'w1', type: 'WindowOpened', occurredAt: at, data: { windowId: 'w1', number: '01', name: '户籍', departmentId: 'd1', kind: 'approval' } },
  ]);
});
afterAll(async () => t?.close());

describe('the hall’s organisation by name', () => {
  it('lists staff with their departments, departments and service items, in registration order', async () => {
    const staff = await hall.supervisor.get(`/v1/halls/${hall.hallId}/staff`);
    expect(staff.statusCode).toBe(200);
    expect(staff.data.staff).toEqual([
      { staffId: 's2', name: '王芳', departmentId: 'd2', departmentName: '税务局' },
      { staffId: 's1', name: '张伟', departmentId: 'd1', departmentName: '公安局' },
    ]);
    expect((await hall.supervisor.get(`/v1/halls/${hall.hallId}/departments`)).data.departments).toEqual([
      { departmentId: 'd1', name: '公安局' },
      { departmentId: 'd2', name: '税务局' },
    ]);
    expect((await hall.supervisor.get(`/v1/halls/${hall.hallId}/service-items`)).data.serviceItems).toEqual([{ serviceItemId: 'i1', name: '户口迁移', departmentId: 'd1', committedWorkingDays: 5 }]);
  });

  it('is read by inspectors and readers, not by kiosks', async () => {
    const inspector = await hall.client('inspector');
    expect((await inspector.get(`/v1/halls/${hall.hallId}/staff`)).statusCode).toBe(200);
    expect((await inspector.get(`/v1/halls/${hall.hallId}/board`)).statusCode).toBe(200);
    const kiosk = await hall.client('kiosk', { windowId: 'w1' });
    const refused = await kiosk.get(`/v1/halls/${hall.hallId}/staff`);
    expect(refused.statusCode).toBe(403);
    expect(refused.data).toMatchObject({ code: 'FORBIDDEN', title: '无权执行此操作' });
  });
});
