import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationEvents } from '@hall/testing';
import { dispatchHall } from '@hall/assessment';
import { createHall, createTestApp, type HallFixture, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
let hall: HallFixture;
const base = () => `/v1/halls/${hall.hallId}/webhooks`;

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-26T04:00:00Z' });
  hall = await createHall(t);
  await hall.post(organisationEvents());
});
afterAll(() => t.close());

/** A ticket served at w1 and rated 1 (a 差评 that opens a case). */
const badRating = [
  { id: 'x-issued', type: 'TicketIssued', occurredAt: '2026-11-25T09:00:00+08:00', data: { ticketId: 'x', number: 'A1', serviceItemId: 'item1' } },
  { id: 'x-called', type: 'TicketCalled', occurredAt: '2026-11-25T09:01:00+08:00', data: { ticketId: 'x', windowId: 'w1', staffId: 's1' } },
  { id: 'x-started', type: 'ServiceStarted', occurredAt: '2026-11-25T09:02:00+08:00', data: { ticketId: 'x', windowId: 'w1', staffId: 's1' } },
  { id: 'x-done', type: 'ServiceCompleted', occurredAt: '2026-11-25T09:10:00+08:00', data: { ticketId: 'x', windowId: 'w1', staffId: 's1', outcome: 'completed' } },
  { id: 'x-rated', type: 'RatingSubmitted', occurredAt: '2026-11-25T09:50:00+08:00', data: { ratingId: 'rx', level: 1, channel: 'kiosk', windowId: 'w1', staffId: 's1', ticketId: 'x' } },
];

describe('webhook routes', () => {
  it('registers a webhook with its secret shown once, changes it without, and lists it (supervisor only)', async () => {
    const created = await hall.supervisor.request('PUT', `${base()}/desk`, { url: 'https://cases.example.gov.cn/hook', events: ['case_opened', 'case_overdue'] });
    expect(created.statusCode).toBe(201);
    expect(created.data).toMatchObject({ webhookId: 'desk', url: 'https://cases.example.gov.cn/hook', events: ['case_opened', 'case_overdue'] });
    expect(created.data.secret).toMatch(/^whsec_/);

    const changed = await hall.supervisor.request('PUT', `${base()}/desk`, { url: 'http://10.0.0.5:8080/hook', events: ['case_due_soon'] });
    expect(changed.statusCode).toBe(200);
    expect(changed.data.secret).toBeUndefined();
    expect(changed.data.events).toEqual(['case_due_soon']);

    const list = await hall.supervisor.get(base());
    expect(list.data.webhooks).toEqual([expect.objectContaining({ webhookId: 'desk', url: 'http://10.0.0.5:8080/hook' })]);
    expect(JSON.stringify(list.data)).not.toContain('whsec_');

    const head = await hall.client('window_head', { windowId: 'w1' });
    expect((await head.get(base())).statusCode).toBe(403);
  });

  it('refuses a URL that is not http(s) and repeated event kinds with 422 naming the field', async () => {
    const ftp = await hall.supervisor.request('PUT', `${base()}/bad`, { url: 'ftp://example.org/x', events: ['case_opened'] });
    expect(ftp.statusCode).toBe(422);
    expect(ftp.data.errors).toEqual([{ path: '/url', message: '必须是 http 或 https 地址' }]); // Chinese first (the catalogue's zh-CN)
    const twice = await hall.supervisor.request('PUT', `${base()}/bad`, { url: 'https://example.org/x', events: ['case_opened', 'case_opened'] });
    expect(twice.statusCode).toBe(422);
    expect(twice.data.errors).toEqual([{ path: '/events', message: '事件类型不能重复' }]);
    expect((await hall.supervisor.get(`${base()}/bad`)).statusCode).toBe(404);
  });

  it('logs a delivery per notification, re-sends on request, and forgets the log with the webhook', async () => {
    await hall.supervisor.request('PUT', `${base()}/opened`, { url: 'https://cases.example.gov.cn/opened', events: ['case_opened'] });
    await hall.post(badRating);
    const report = await dispatchHall(t.assessment, hall.hallId);
    expect(report.inserted).toHaveLength(1); // 'desk' listens to case_due_soon only
    expect((await dispatchHall(t.assessment, hall.hallId)).inserted).toEqual([]);

    const log = await hall.supervisor.get(`${base()}/opened/deliveries`);
    expect(log.statusCode).toBe(200);
    expect(log.data.deliveries).toEqual([
      expect.objectContaining({ deliveryId: report.inserted[0], eventId: 'x-rated', type: 'case_opened', status: 'pending', attempts: 0, lastError: null, responseCode: null }),
    ]);
    const retry = await hall.supervisor.post(`${base()}/opened/deliveries/${report.inserted[0]}/retry`, {});
    expect(retry.statusCode).toBe(200);
    expect(retry.data.status).toBe('pending');
    expect((await hall.supervisor.post(`${base()}/opened/deliveries/whd-none/retry`, {})).statusCode).toBe(404);
    expect((await hall.supervisor.get(`${base()}/opened/deliveries?status=failed`)).data.deliveries).toEqual([]);

    expect((await hall.supervisor.request('DELETE', `${base()}/opened`)).statusCode).toBe(204);
    expect((await hall.supervisor.get(`${base()}/opened/deliveries`)).statusCode).toBe(404);
    expect((await hall.supervisor.request('DELETE', `${base()}/opened`)).statusCode).toBe(404);
  });
});
