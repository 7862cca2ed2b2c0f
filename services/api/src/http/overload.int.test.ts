import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, createTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ env: { OVERLOAD_EVENT_LOOP_DELAY_MS: '40' } });
});
afterAll(() => t?.close());

/** Keeps the event loop busy, as a flood of work would. */
function stall(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy on purpose
  }
}

describe('an overloaded service', () => {
  it('sheds new requests with 503, Retry-After and a problem body, and keeps /health/live answering', async () => {
    // Stall the loop until the sampler sees the lag; poll for the state, never assume a time.
    let shed: Awaited<ReturnType<typeof t.app.inject>> | undefined;
    let live: Awaited<ReturnType<typeof t.app.inject>> | undefined;
    for (let attempt = 0; attempt < 100 && !shed; attempt += 1) {
      stall(300);
      await new Promise((r) => setTimeout(r, 0));
      const res = await t.app.inject({ method: 'GET', url: '/v1/audit/public-key', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      if (res.statusCode === 503) {
        shed = res;
        live = await t.app.inject({ method: 'GET', url: '/health/live' });
      } else {
        expect(res.statusCode).toBe(200);
      }
    }
    expect(shed, 'the service never shed a request while its loop stalled').toBeDefined();
    expect(shed!.headers['retry-after']).toMatch(/^\d+$/);
    expect(shed!.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(shed!.body)).toMatchObject({ status: 503, code: 'NOT_READY' });
    expect(live!.statusCode).toBe(200);

    // Once the loop is quiet again the service answers as before.
    for (let attempt = 0; attempt < 600; attempt += 1) {
      const res = await t.app.inject({ method: 'GET', url: '/v1/audit/public-key', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      if (res.statusCode === 200) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the service kept shedding after the load was gone');
  });
});
