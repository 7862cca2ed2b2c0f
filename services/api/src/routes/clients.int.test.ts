import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHall, createTestApp, type HallFixture, type TestApp } from '../testing/test-app.ts';
import { organisationEvents } from '@hall/testing';

let t: TestApp;
let hall: HallFixture;

beforeAll(async () => {
  t = await createTestApp();
  hall = await createHall(t);
  await hall.post(organisationEvents());
});
afterAll(() => t.close());

describe('creating a client bound to a window (decision 1101)', () => {
  it('refuses a window the hall never opened with 422 naming /windowId, and issues no token', async () => {
    const before = await t.database.db.selectFrom('clients').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    for (const role of ['kiosk', 'window_head']) {
      const res = await hall.admin.post(`/v1/halls/${hall.hallId}/clients`, { name: 'ghost', role, windowId: 'w-never' });
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.data).toMatchObject({ status: 422, code: 'UNKNOWN_REFERENCE' });
      expect(res.data.errors).toEqual([{ path: '/windowId', message: expect.stringContaining('w-never') }]);
    }
    const after = await t.database.db.selectFrom('clients').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('does not find a window opened in another hall', async () => {
    const other = await createHall(t, { name: 'Other hall' });
    const res = await other.admin.post(`/v1/halls/${other.hallId}/clients`, { name: 'kiosk', role: 'kiosk', windowId: 'w1' });
    expect(res.statusCode).toBe(422);
  });

  it('binds a kiosk to an open window', async () => {
    const res = await hall.admin.post(`/v1/halls/${hall.hallId}/clients`, { name: 'kiosk w1', role: 'kiosk', windowId: 'w1' });
    expect(res.statusCode).toBe(201);
    expect(res.data.windowId).toBe('w1');
  });

  it('binds a client to a closed window: it is still a window of the hall', async () => {
    await hall.post([{ id: 'close-w3', type: 'WindowClosed', occurredAt: '2026-10-01T08:00:00+08:00', data: { windowId: 'w3' } }]);
    const res = await hall.supervisor.post(`/v1/halls/${hall.hallId}/clients`, { name: 'head w3', role: 'window_head', windowId: 'w3' });
    expect(res.statusCode).toBe(201);
  });
});

describe('one active client per name in a hall (decision 1801)', () => {
  it('answers 409 CLIENT_NAME_TAKEN naming /name for a second active client of one name, and frees the name on revoking', async () => {
    const first = await hall.admin.post(`/v1/halls/${hall.hallId}/clients`, { name: '大屏 1', role: 'dashboard' });
    expect(first.statusCode).toBe(201);
    const second = await hall.supervisor.post(`/v1/halls/${hall.hallId}/clients`, { name: '大屏 1', role: 'auditor' });
    expect(second.statusCode).toBe(409);
    expect(second.headers['content-type']).toContain('application/problem+json');
    expect(second.data).toMatchObject({ status: 409, code: 'CLIENT_NAME_TAKEN' });
    expect(second.data.errors).toEqual([{ path: '/name', message: expect.any(String) }]);
    const other = await createHall(t, { name: 'Other hall' });
    expect((await other.admin.post(`/v1/halls/${other.hallId}/clients`, { name: '大屏 1', role: 'dashboard' })).statusCode).toBe(201);

    const revoked = await hall.admin.request('DELETE', `/v1/halls/${hall.hallId}/clients/${first.data.clientId}`);
    expect(revoked.statusCode).toBe(204);
    expect((await hall.admin.post(`/v1/halls/${hall.hallId}/clients`, { name: '大屏 1', role: 'dashboard' })).statusCode).toBe(201);
  });
});
