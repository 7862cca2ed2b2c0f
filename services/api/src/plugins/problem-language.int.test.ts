import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHall, createTestApp, type HallFixture, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
let hall: HallFixture;

beforeAll(async () => {
  t = await createTestApp({ now: '2026-10-10T04:00:00Z' });
  hall = await createHall(t);
});
afterAll(async () => t?.close());

const badBatch = {
  events: [
    { id: 'd1', type: 'DepartmentRegistered', occurredAt: '2026-10-01T01:00:00Z', data: { departmentId: 'd1', name: '市场监督管理局' } },
    { id: 'r1', type: 'RatingSubmitted', occurredAt: '2026-10-01T01:00:00Z', data: { ratingId: 'r1', level: '5', channel: 'kiosk', windowId: 'w1' } },
  ],
};

async function post(url: string, body: unknown, language?: string) {
  const response = await t.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${(hall.supervisor as unknown as { token: string }).token}`, 'content-type': 'application/json', ...(language ? { 'accept-language': language } : {}) },
    payload: JSON.stringify(body),
  });
  return { status: response.statusCode, headers: response.headers, body: response.json() };
}

describe('problem bodies follow Accept-Language', () => {
  it('answer in Chinese by default, naming each field in Chinese, codes and paths unchanged', async () => {
    const res = await post(`/v1/halls/${hall.hallId}/events`, badBatch);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers.vary).toContain('accept-language');
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', status: 422, title: '校验未通过', detail: '本批次有 1 处问题，未保存任何事件' });
    expect(res.body.errors).toEqual([{ path: '/events/1/data/level', message: '无效输入：应为 number，实际为 string' }]);
  });

  it('answer in English when the caller prefers it', async () => {
    const res = await post(`/v1/halls/${hall.hallId}/events`, badBatch, 'en-GB,en;q=0.9,zh;q=0.1');
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', title: 'Validation failed', detail: '1 problem(s) in the batch; nothing was stored' });
    expect(res.body.errors).toEqual([{ path: '/events/1/data/level', message: 'Invalid input: expected number, received string' }]);
  });

  it('word unknown references, state conflicts, parse and token errors in the chosen language', async () => {
    const window = { id: 'w1', type: 'WindowOpened', occurredAt: '2026-10-01T01:00:00Z', data: { windowId: 'w1', number: 'A01', name: '企业开办', departmentId: 'nope', kind: 'approval' } };
    const fixed = { events: [window] };
    const unknown = await post(`/v1/halls/${hall.hallId}/events`, fixed);
    expect(unknown.body).toMatchObject({ code: 'UNKNOWN_REFERENCE', title: '引用了不存在的对象', errors: [{ path: '/events/0/data/departmentId', message: '部门“nope”不存在' }] });

    const early = await post(`/v1/halls/${hall.hallId}/periods/2026-10/transitions`, { to: 'final' });
    expect(early.body).toMatchObject({ status: 409, code: 'PERIOD_NOT_ENDED', title: '该月尚未结束', detail: '2026-10 在 Asia/Shanghai 时区尚未结束' });

    const malformed = await t.app.inject({ method: 'POST', url: `/v1/halls/${hall.hallId}/events`, headers: { authorization: `Bearer ${(hall.supervisor as unknown as { token: string }).token}`, 'content-type': 'application/json' }, payload: '{"events": [' });
    expect(malformed.json()).toMatchObject({ status: 400, code: 'MALFORMED_JSON', title: 'JSON 格式错误' });

    const missing = await t.app.inject({ method: 'GET', url: '/v1/nowhere', headers: { 'accept-language': 'en' } });
    expect(missing.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', title: 'Missing or invalid token', detail: 'Send Authorization: Bearer <token>' });
    const missingZh = await t.app.inject({ method: 'GET', url: '/v1/nowhere', headers: { 'accept-language': 'zh-TW,zh;q=0.9' } });
    expect(missingZh.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', detail: '请在请求头中发送 Authorization: Bearer <令牌>' });
  });
});
