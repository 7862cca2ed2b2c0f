import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationEvents } from '@hall/testing';
import { ADMIN_TOKEN, createHall, createTestApp, type HallFixture, type TestApp } from '../testing/test-app.ts';

const METRICS_TOKEN = 'metrics-scraper-token-42';

describe('GET /metrics with METRICS_TOKEN set', () => {
  let t: TestApp;
  let hall: HallFixture;
  beforeAll(async () => {
    t = await createTestApp({ env: { METRICS_TOKEN } });
    hall = await createHall(t);
  });
  afterAll(async () => t?.close());

  const scrape = (authorization?: string) => t.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });

  it('answers a scraper holding the metrics token, in the Prometheus text format', async () => {
    const res = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toContain('hall_projection_lag_events');
  });

  it('still answers the operator', async () => {
    expect((await scrape(`Bearer ${ADMIN_TOKEN}`)).statusCode).toBe(200);
  });

  it('refuses no token, a wrong token and a hall client token with a problem body', async () => {
    for (const header of [undefined, 'Bearer not-the-token', `Bearer ${hall.supervisor.token}`]) {
      const res = await scrape(header);
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('counts the events stored per hall, not the duplicates of a retry (1895)', async () => {
    const finding = (id: string) => ({
      id,
      type: 'InspectionRecorded',
      occurredAt: '2026-11-20T10:00:00+08:00',
      data: { inspectionId: id, inspectorId: 'insp', findings: [{ ruleCode: 'HYG_NOT_CLEAN', windowId: 'w1', staffId: 's1', count: 1 }] },
    });
    const counted = async () => {
      const line = (await scrape(`Bearer ${METRICS_TOKEN}`)).body.split('\n').find((l) => l.startsWith(`hall_events_appended_total{hall="${hall.hallId}"}`));
      return line ? Number(line.split(' ').at(-1)) : 0;
    };
    await hall.post(organisationEvents());
    const before = await counted();
    expect((await hall.supervisor.post(`/v1/halls/${hall.hallId}/events`, { events: [finding('m-1'), finding('m-2')] })).statusCode).toBe(200);
    // A retry of m-2 with one new event: one more is stored.
    expect((await hall.supervisor.post(`/v1/halls/${hall.hallId}/events`, { events: [finding('m-2'), finding('m-3')] })).statusCode).toBe(200);
    expect((await counted()) - before).toBe(3);
  });

  it('opens nothing but /metrics', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/audit/public-key', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.statusCode).toBe(401);
  });
});

describe('GET /metrics without METRICS_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('is for the operator only', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).statusCode).toBe(401);
  });
});
