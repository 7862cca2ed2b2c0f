import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, startTcpProxy, testRedisUrl, type TcpProxy, type TestDatabase } from '@hall/testing';
import { ADMIN_TOKEN, ApiClient, createHall, createTestApp, type TestApp } from '../testing/test-app.ts';

// Two API processes (two apps over one database) counting in one real Redis;
// each test's tokens are fresh, so its counters are its own on a shared server.
const BUDGET = 6;
let database: TestDatabase;
let proxy: TcpProxy;
const apps: TestApp[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const target = new URL(testRedisUrl());
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
});
afterAll(async () => {
  proxy?.restore();
  for (const app of apps) await app.close();
  await proxy?.close();
  await database?.drop();
});

async function apiProcess(redisUrl: string | undefined): Promise<TestApp> {
  const app = await createTestApp({ database, env: { RATE_LIMIT_PER_MINUTE: String(BUDGET), ...(redisUrl ? { REDIS_URL: redisUrl } : {}) } });
  apps.push(app);
  return app;
}

describe('the rate limit with REDIS_URL', () => {
  it('is one budget per token across two API processes: the N+1th request over both is 429 with a problem body and Retry-After', async () => {
    const [a, b] = [await apiProcess(testRedisUrl()), await apiProcess(testRedisUrl())];
    // Creating the hall and its client costs the operator token, not the one counted below.
    const hall = await createHall(a);
    const dashboard = await hall.client('dashboard');
    const via = [new ApiClient(a.app, dashboard.token), new ApiClient(b.app, dashboard.token)];
    const statuses: number[] = [];
    for (let i = 0; i < BUDGET; i += 1) statuses.push((await via[i % 2]!.get(`/v1/halls/${hall.hallId}`)).statusCode);
    expect(statuses).toEqual(Array(BUDGET).fill(200));

    const refused = await via[0]!.get(`/v1/halls/${hall.hallId}`);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.data).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect((await via[1]!.get(`/v1/halls/${hall.hallId}`)).statusCode).toBe(429);
    // Another token has its own budget; health checks are never counted.
    expect((await new ApiClient(b.app, ADMIN_TOKEN).get(`/v1/halls/${hall.hallId}`)).statusCode).toBe(200);
    expect((await b.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
  });

  it('lets requests through uncounted while Redis is away, and counts again when it returns', async () => {
    const viaProxy = proxy.urlFor(testRedisUrl());
    const [a, b] = [await apiProcess(viaProxy), await apiProcess(viaProxy)];
    const hall = await createHall(a);
    const dashboard = await hall.client('dashboard');
    const via = [new ApiClient(a.app, dashboard.token), new ApiClient(b.app, dashboard.token)];

    proxy.cut();
    const during: number[] = [];
    for (let i = 0; i < BUDGET * 2; i += 1) during.push((await via[i % 2]!.get(`/v1/halls/${hall.hallId}`)).statusCode);
    expect(during).toEqual(Array(BUDGET * 2).fill(200));

    proxy.restore();
    // ioredis reconnects on its own; from then on the shared budget holds again.
    let status = 200;
    for (let i = 0; i < 600 && status !== 429; i += 1) {
      status = (await via[i % 2]!.get(`/v1/halls/${hall.hallId}`)).statusCode;
      if (status === 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(429);
  });
});

describe('the rate limit without REDIS_URL', () => {
  it('counts in each process on its own', async () => {
    const [a, b] = [await apiProcess(undefined), await apiProcess(undefined)];
    const hall = await createHall(a);
    const dashboard = await hall.client('dashboard');
    for (const app of [a, b]) {
      const client = new ApiClient(app.app, dashboard.token);
      const statuses: number[] = [];
      for (let i = 0; i <= BUDGET; i += 1) statuses.push((await client.get(`/v1/halls/${hall.hallId}`)).statusCode);
      expect(statuses).toEqual([...Array(BUDGET).fill(200), 429]);
    }
  });
});
