import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRedisUrl } from '@hall/testing';
import { ADMIN_TOKEN, createHall, createTestApp, type TestApp } from '../testing/test-app.ts';
import { QUEUE } from '@hall/scheduler';

const basic = (password: string) => `Basic ${Buffer.from(`operator:${password}`).toString('base64')}`;

describe('the queue dashboard with REDIS_URL set', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { REDIS_URL: testRedisUrl() } });
  });
  afterAll(async () => t?.close());

  const get = (url: string, authorization?: string) => t.app.inject({ method: 'GET', url, headers: authorization ? { authorization } : {} });

  it('serves the page to the operator through the browser prompt (Basic, token as password)', async () => {
    const res = await get('/admin/queues', basic(ADMIN_TOKEN));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });

  it("lists the scheduler's queue as read from Redis", async () => {
    const res = await get('/admin/queues/api/queues', `Bearer ${ADMIN_TOKEN}`);
    expect(res.statusCode).toBe(200);
    const names = (res.json() as { queues: Array<{ name: string }> }).queues.map((q) => q.name);
    expect(names).toContain(QUEUE);
  });

  it('asks anyone else for the operator token, hall clients included', async () => {
    const hall = await createHall(t);
    for (const header of [undefined, basic('wrong'), `Bearer ${hall.supervisor.token}`]) {
      const res = await get('/admin/queues/api/queues', header);
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Basic/);
    }
  });

  it('stays out of the OpenAPI document', async () => {
    const doc = (await get('/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/admin'))).toEqual([]);
  });
});

describe('without REDIS_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('there is no queue dashboard', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/admin/queues', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).statusCode).toBe(404);
  });
});
