import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createTestApp, type TestApp } from '../testing/test-app.ts';
import { FINAL_MONTH, NOW, OPEN_MONTH, PRELIMINARY_MONTH, seedHall, type SeededHall } from '../../../../test/e2e/seeded-hall.ts';

let t: TestApp;
let hall: SeededHall;
let dashboard: ApiClient;

beforeAll(async () => {
  execFileSync(process.execPath, [fileURLToPath(new URL('../../../../web/scripts/ensure-build.mjs', import.meta.url))], { stdio: 'inherit' });
  t = await createTestApp({ now: NOW });
  hall = await seedHall(t);
  dashboard = new ApiClient(t.app, hall.dashboardToken);
});
afterAll(() => t?.close());

describe('the board frame', () => {
  it('names the running month by the service clock, the latest final month and every month newest first', async () => {
    const res = await dashboard.get(`/v1/halls/${hall.hallId}/board`);
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({
      currentPeriod: OPEN_MONTH,
      latestFinalPeriod: FINAL_MONTH,
      months: [
        { period: OPEN_MONTH, stage: 'open', version: null },
        { period: PRELIMINARY_MONTH, stage: 'preliminary', version: 1 },
        { period: FINAL_MONTH, stage: 'final', version: 2 },
      ],
      viewer: { role: 'dashboard', windowId: null },
    });
    const again = await t.app.inject({ url: `/v1/halls/${hall.hallId}/board`, headers: { authorization: `Bearer ${hall.dashboardToken}`, 'if-none-match': res.headers.etag as string } });
    expect(again.statusCode).toBe(304);
  });

  it('lists the windows with number, name, kind and department', async () => {
    const { data } = await dashboard.get(`/v1/halls/${hall.hallId}/windows`);
    expect(data.windows).toHaveLength(12);
    expect(data.windows[0]).toEqual({ windowId: 'a01', number: 'A01', name: '企业开办', kind: 'approval', departmentId: 'd1', departmentName: '市场监督管理局', closed: false });
  });
});

describe('the month appeals', () => {
  it('shows a window head the appeals on its own window only', async () => {
    const headA01 = new ApiClient(t.app, await hall.headToken('a01'));
    const headA02 = new ApiClient(t.app, await hall.headToken('a02'));
    const doc = (await headA01.get(`/v1/halls/${hall.hallId}/periods/${PRELIMINARY_MONTH}/windows/a01`)).data;
    const filed = await headA01.post(`/v1/halls/${hall.hallId}/appeals`, { lineItemId: doc.lineItems[0].id, reason: '有异议' });
    expect(filed.statusCode).toBe(201);
    const url = `/v1/halls/${hall.hallId}/periods/${PRELIMINARY_MONTH}/appeals`;
    expect((await headA01.get(url)).data.appeals).toMatchObject([{ lineItemId: doc.lineItems[0].id, status: 'pending', reason: '有异议' }]);
    expect((await headA02.get(url)).data.appeals).toEqual([]);
    expect((await dashboard.get(url)).data.appeals).toHaveLength(1);
  });
});

describe('the pages', () => {
  it('serve the built page without a token, and the data still needs one', async () => {
    const page = await t.app.inject({ url: `/board/${hall.hallId}/windows/a01?token=x` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const script = /src="(\/board\/assets\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(script).toBeDefined();
    expect((await t.app.inject({ url: script! })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/v1/halls/${hall.hallId}/board` })).statusCode).toBe(401);
  });
});
