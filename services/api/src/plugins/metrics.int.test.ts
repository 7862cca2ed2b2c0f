import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
