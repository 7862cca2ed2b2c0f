import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createHall, createTestApp, type HallFixture, type TestApp } from '../testing/test-app.ts';
import { organisationEvents } from '@hall/testing';

let t: TestApp;
let hall: HallFixture;
let other: HallFixture;

const finding = (id: string, windowId = 'w1') => ({
  id,
  type: 'InspectionRecorded',
  occurredAt: '2026-11-20T10:00:00+08:00',
  data: { inspectionId: id, inspectorId: 'insp', findings: [{ ruleCode: 'HYG_NOT_CLEAN', windowId, staffId: 's1', count: 1 }] },
});

async function head(): Promise<number> {
  const res = await hall.supervisor.get(`/v1/halls/${hall.hallId}/events?after=0&limit=1000`);
  return res.data.events.at(-1).position;
}

function raw(method: 'POST' | 'GET', url: string, payload: string | undefined, headers: Record<string, string>) {
  return t.app.inject({ method, url, ...(payload === undefined ? {} : { payload }), headers });
}

beforeAll(async () => {
  t = await createTestApp();
  hall = await createHall(t);
  other = await createHall(t, { name: 'Other hall' });
  await hall.post(organisationEvents());
});
afterAll(() => t.close());

describe('appending events', () => {
  it('appends a batch and gives gap-free positions in request order', async () => {
    const before = await head();
    const res = await hall.supervisor.post(`/v1/halls/${hall.hallId}/events`, { events: [finding('f-1'), finding('f-2')] });
    expect(res.statusCode).toBe(200);
    expect(res.data.results).toEqual([
      { id: 'f-1', status: 'appended', position: before + 1 },
      { id: 'f-2', status: 'appended', position: before + 2 },
    ]);
  });

  it('reports a retry with the same content as a duplicate with the original position', async () => {
    const first = await hall.post([finding('f-dup')]);
    const again = await hall.supervisor.post(`/v1/halls/${hall.hallId}/events`, { events: [finding('f-dup'), finding('f-new')] });
    expect(again.statusCode).toBe(200);
    expect(again.data.results[0]).toEqual({ id: 'f-dup', status: 'duplicate', position: first.results[0].position });
    expect(again.data.results[1].status).toBe('appended');
  });

  it('rejects an id reused with other content with 409 and stores nothing', async () => {
    await hall.post([finding('f-conflict')]);
    const before = await head();
    const res = await hall.supervisor.post(`/v1/halls/${hall.hallId}/events`, { events: [finding('f-ok-later'), finding('f-conflict', 'w2')] });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.data).toMatchObject({ status: 409, code: 'EVENT_ID_CONFLICT' });
    expect(res.data.errors).toContainEqual(expect.objectContaining({ path: '/events/1/id' }));
    expect(await head()).toBe(before);
  });
});

describe('bad input gets a clear answer and loses nothing', () => {
  it('problem bodies for what the router refuses: a URL that does not decode (400), a path segment too long (414)', async () => {
    const auth = { authorization: `Bearer ${hall.supervisor.token}` };
    const badUrl = await raw('GET', '/v1/halls/%E0%A4%A/rules', undefined, auth);
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(badUrl.json()).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    const long = await raw('GET', `/v1/halls/${hall.hallId}/periods/2026-09/windows/${'a'.repeat(150)}`, undefined, auth);
    expect(long.statusCode).toBe(414);
    expect(long.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(long.json()).toMatchObject({ status: 414, code: 'URI_TOO_LONG' });
  });

  it('400 for malformed JSON', async () => {
    const before = await head();
    const res = await raw('POST', `/v1/halls/${hall.hallId}/events`, '{"events": [', {
      authorization: `Bearer ${hall.supervisor.token}`,
      'content-type': 'application/json',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
    expect(await head()).toBe(before);
  });

  it('415 for a body that is not application/json', async () => {
    const res = await raw('POST', `/v1/halls/${hall.hallId}/events`, 'events', {
      authorization: `Bearer ${hall.supervisor.token}`,
      'content-type': 'text/plain',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('413 for a body over the limit', async () => {
    const big = JSON.stringify({ events: [finding('big')], pad: 'x'.repeat(5 * 1024 * 1024) });
    const res = await raw('POST', `/v1/halls/${hall.hallId}/events`, big, {
      authorization: `Bearer ${hall.supervisor.token}`,
      'content-type': 'application/json',
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ status: 413, code: 'BODY_TOO_LARGE' });
  });

  it('422 naming every bad field: wrong types, missing fields, unknown fields, unknown types', async () => {
    const before = await head();
    const res = await hall.supervisor.post(`/v1/halls/${hall.hallId}/events`, {
      events: [
        finding('ok-1'),
        { id: 'bad-1', type: 'WindowOpened', occurredAt: '2026-11-20T10:00:00+08:00', data: { windowId: 'w9', number: 9, name: 'x', departmentId: 'dep1', kind: 'approval', colour: 'red' } },
        { id: 'bad-2', type: 'NoSuchEvent', occurredAt: '2026-11-20T10:00:00+08:00', data: {} },
        { id: 'bad 3', type: 'TicketNoShow', occurredAt: 'yesterday', data: {} },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.data).toMatchObject({ status: 422, code: 'VALIDATION_FAILED' });
    const paths = res.data.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/events/1/data/number', '/events/1/data/colour', '/events/2/type', '/events/3/id', '/events/3/occurredAt', '/events/3/data/ticketId']),
    );
    expect(await head()).toBe(before);
  });

  it('422 naming the bad fields of every kind at once: schema, date, rule code and unknown references', async () => {
    const before = await head();
    const future = new Date(Date.parse(t.now().toISOString()) + 3_600_000).toISOString();
    const badRule = finding('mix-rule');
    (badRule.data.findings[0] as { ruleCode: string; windowId: string }).ruleCode = 'NOT_A_RULE';
    (badRule.data.findings[0] as { ruleCode: string; windowId: string }).windowId = 'nowhere';
    const res = await hall.supervisor.post(`/v1/halls/${hall.hallId}/events`, {
      events: [
        { id: 'mix-0', type: 'AttendanceMarked', occurredAt: '2026-11-20T10:00:00+08:00', data: { staffId: 'sX', windowId: 'w1', date: '2026-11-20', mark: 'late', minutes: 10 } },
        { id: 'mix-1', type: 'AttendanceMarked', occurredAt: '2026-11-20T10:00:00+08:00', data: { staffId: 's1', windowId: 'w1', date: '2026-11-20', mark: 'late', minutes: -5 } },
        { id: 'mix-2', type: 'TicketNoShow', occurredAt: future, data: { ticketId: 't-1' } },
        badRule,
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.data.code).toBe('VALIDATION_FAILED');
    expect(res.data.errors.map((e: { path: string }) => e.path)).toEqual([
      '/events/0/data/staffId',
      '/events/1/data/minutes',
      '/events/2/occurredAt',
      '/events/3/data/findings/0/ruleCode',
      '/events/3/data/findings/0/windowId',
    ]);
    expect(await head()).toBe(before);
  });

  it('422 for more than 1000 events and for none', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => finding(`m-${i}`));
    const res = await hall.supervisor.post(`/v1/halls/${hall.hallId}/events`, { events: many });
    expect(res.statusCode).toBe(422);
    expect(res.data.errors[0].path).toBe('/events');
    const none = await hall.supervisor.post(`/v1/halls/${hall.hallId}/events`, { events: [] });
    expect(none.statusCode).toBe(422);
  });

  it('422 for references to unknown windows and staff, naming each', async () => {
    const before = await head();
    const res = await hall.supervisor.post(`/v1/halls/${hall.hallId}/events`, {
      events: [
        { id: 'ref-1', type: 'StaffAssigned', occurredAt: '2026-11-20T10:00:00+08:00', data: { staffId: 'ghost', windowId: 'w1', post: 'A' } },
        { id: 'ref-2', type: 'StaffAssigned', occurredAt: '2026-11-20T10:00:00+08:00', data: { staffId: 's1', windowId: 'nowhere', post: 'B' } },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.data.code).toBe('UNKNOWN_REFERENCE');
    expect(res.data.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['/events/0/data/staffId', '/events/1/data/windowId']));
    expect(await head()).toBe(before);
  });

  it('422 for an unknown rule code in a finding', async () => {
    const bad = finding('rule-x');
    (bad.data.findings[0] as { ruleCode: string }).ruleCode = 'NOT_A_RULE';
    const res = await hall.supervisor.post(`/v1/halls/${hall.hallId}/events`, { events: [bad] });
    expect(res.statusCode).toBe(422);
    expect(res.data.errors[0].path).toBe('/events/0/data/findings/0/ruleCode');
  });

  it('takes a finding of the supplement and return rules (docs/domain.md §4.1 "or finding"), not of a rule only derived', async () => {
    const named = (id: string, ruleCode: string) => {
      const f = finding(id);
      (f.data.findings[0] as { ruleCode: string }).ruleCode = ruleCode;
      return f;
    };
    const inspector = await hall.client('inspector');
    for (const code of ['CASE_SUPPLEMENT_UNEXPLAINED', 'CASE_RETURN_UNEXPLAINED']) {
      const res = await inspector.post(`/v1/halls/${hall.hallId}/events`, { events: [named(`by-finding-${code}`, code)] });
      expect(res.statusCode, res.body).toBe(200);
    }
    const derived = await inspector.post(`/v1/halls/${hall.hallId}/events`, { events: [named('by-finding-overdue', 'CASE_OVERDUE')] });
    expect(derived.statusCode).toBe(422);
    expect(derived.data.errors[0]).toMatchObject({ path: '/events/0/data/findings/0/ruleCode', message: expect.stringMatching(/由系统自动计算/) });
  });

  it('422 for an event dated more than 5 minutes in the future', async () => {
    const future = { ...finding('future'), occurredAt: new Date(t.now().getTime() + 6 * 60_000).toISOString() };
    const res = await hall.supervisor.post(`/v1/halls/${hall.hallId}/events`, { events: [future] });
    expect(res.statusCode).toBe(422);
    expect(res.data.errors).toContainEqual(expect.objectContaining({ path: '/events/0/occurredAt' }));
  });

  it('treats a repeated id inside one batch as a duplicate when equal, a conflict when not', async () => {
    const same = await hall.supervisor.post(`/v1/halls/${hall.hallId}/events`, { events: [finding('twin'), finding('twin')] });
    expect(same.statusCode).toBe(200);
    expect(same.data.results[1]).toEqual({ id: 'twin', status: 'duplicate', position: same.data.results[0].position });
    const differ = await hall.supervisor.post(`/v1/halls/${hall.hallId}/events`, { events: [finding('twin2'), finding('twin2', 'w2')] });
    expect(differ.statusCode).toBe(409);
  });
});

describe('access', () => {
  it('401 without a token or with a bad one', async () => {
    const none = await t.app.inject({ method: 'GET', url: `/v1/halls/${hall.hallId}/periods/2026-11/rankings` });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    const bad = await new ApiClient(t.app, 'nope').get(`/v1/halls/${hall.hallId}/periods/2026-11/rankings`);
    expect(bad.statusCode).toBe(401);
  });

  it('403 for a token of another hall, whatever the role', async () => {
    const res = await other.supervisor.post(`/v1/halls/${hall.hallId}/events`, { events: [finding('cross')] });
    expect(res.statusCode).toBe(403);
    expect(res.data).toMatchObject({ status: 403, code: 'OTHER_HALL' });
  });

  it('403 for a role posting an event type it may not post', async () => {
    const kiosk = await hall.client('kiosk', { windowId: 'w1' });
    const res = await kiosk.post(`/v1/halls/${hall.hallId}/events`, { events: [finding('kiosk-finding')] });
    expect(res.statusCode).toBe(403);
  });

  it('403 for a kiosk rating another window', async () => {
    const kiosk = await hall.client('kiosk', { windowId: 'w1' });
    const rating = (windowId: string, id: string) => ({
      id,
      type: 'RatingSubmitted',
      occurredAt: '2026-11-20T10:00:00+08:00',
      data: { ratingId: id, level: 5, channel: 'kiosk', windowId },
    });
    expect((await kiosk.post(`/v1/halls/${hall.hallId}/events`, { events: [rating('w2', 'r-x')] })).statusCode).toBe(403);
    expect((await kiosk.post(`/v1/halls/${hall.hallId}/events`, { events: [rating('w1', 'r-ok')] })).statusCode).toBe(200);
  });

  it('403 for a window head approving leave at another window', async () => {
    const head = await hall.client('window_head', { windowId: 'w1' });
    const leave = (windowId: string, staffId: string, id: string) => ({
      id,
      type: 'LeaveApproved',
      occurredAt: '2026-11-20T10:00:00+08:00',
      data: { leaveId: id, staffId, windowId, leaveType: 'annual', from: '2026-11-23', to: '2026-11-23' },
    });
    expect((await head.post(`/v1/halls/${hall.hallId}/events`, { events: [leave('w2', 's2', 'lv-x')] })).statusCode).toBe(403);
    const own = await head.post(`/v1/halls/${hall.hallId}/events`, { events: [leave('w1', 's1', 'lv-ok')] });
    expect(own.statusCode, own.body).toBe(200);
  });

  it('403 for a window head rejecting or covering a leave approved at another window (decision 1831)', async () => {
    const head = await hall.client('window_head', { windowId: 'w1' });
    const at = '2026-11-20T10:00:00+08:00';
    const approve = (leaveId: string, windowId: string, staffId: string) => ({
      id: `${leaveId}-ok`,
      type: 'LeaveApproved',
      occurredAt: at,
      data: { leaveId, staffId, windowId, leaveType: 'personal', from: '2026-11-24', to: '2026-11-24' },
    });
    const reject = (leaveId: string, staffId: string) => ({ id: `${leaveId}-no`, type: 'LeaveRejected', occurredAt: at, data: { leaveId, staffId, reason: '人手不足' } });
    const cover = (leaveId: string) => ({ id: `${leaveId}-sub`, type: 'SubstituteAssigned', occurredAt: at, data: { leaveId, substituteStaffId: 's1' } });
    // Approved by a section, stored before the head's events: only the store knows the leave's window.
    await hall.post([approve('lv-w2', 'w2', 's2'), approve('lv-w1', 'w1', 's1')]);
    const post = (events: object[]) => head.post(`/v1/halls/${hall.hallId}/events`, { events });
    const foreignReject = await post([reject('lv-w2', 's2')]);
    expect(foreignReject.statusCode, foreignReject.body).toBe(403);
    expect(foreignReject.data.errors).toEqual([{ path: '/events/0/data/leaveId', message: '不是本负责人所在的窗口' }]);
    expect((await post([cover('lv-w2')])).statusCode).toBe(403);
    // A leave nobody approved names no window: not the head's to reject.
    const unknown = await post([reject('lv-none', 's1')]);
    expect(unknown.statusCode).toBe(403);
    expect(unknown.data.errors).toEqual([{ path: '/events/0/data/leaveId', message: '本负责人所在窗口没有批准过这项请假' }]);
    // Its own window's leave, stored or approved earlier in the same batch.
    const own = await post([reject('lv-w1', 's1'), cover('lv-w1')]);
    expect(own.statusCode, own.body).toBe(200);
    const sameBatch = await post([approve('lv-w1b', 'w1', 's1'), cover('lv-w1b')]);
    expect(sameBatch.statusCode, sameBatch.body).toBe(200);
    // A section is not bound to a window.
    const section = await hall.client('section', { section: 'coordination' });
    expect((await section.post(`/v1/halls/${hall.hallId}/events`, { events: [cover('lv-w2')] })).statusCode).toBe(200);
  });

  it('403 for a section recording a finding outside its categories', async () => {
    const office = await hall.client('section', { section: 'office' });
    const fee = { ...finding('fee-1'), data: { inspectionId: 'fee-1', inspectorId: 'x', findings: [{ ruleCode: 'FEE_CASH_AT_WINDOW', windowId: 'w1' }] } };
    expect((await office.post(`/v1/halls/${hall.hallId}/events`, { events: [fee] })).statusCode).toBe(403);
    expect((await office.post(`/v1/halls/${hall.hallId}/events`, { events: [finding('office-ok')] })).statusCode).toBe(200);
  });

  it('a revoked token stops working at once', async () => {
    const res = await hall.admin.post(`/v1/halls/${hall.hallId}/clients`, { name: 'temp', role: 'dashboard' });
    const dashboard = new ApiClient(t.app, res.data.token);
    expect((await dashboard.get(`/v1/halls/${hall.hallId}/periods/2026-11/rankings`)).statusCode).toBe(200);
    const revoked = await hall.admin.request('DELETE', `/v1/halls/${hall.hallId}/clients/${res.data.clientId}`);
    expect(revoked.statusCode).toBe(204);
    expect((await dashboard.get(`/v1/halls/${hall.hallId}/periods/2026-11/rankings`)).statusCode).toBe(401);
  });

  it('404 problem bodies for unknown routes and halls', async () => {
    const route = await hall.admin.get('/v1/nothing-here');
    expect(route.statusCode).toBe(404);
    expect(route.data).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const unknownHall = await hall.admin.get('/v1/halls/no-such-hall/periods/2026-11/rankings');
    expect(unknownHall.statusCode).toBe(404);
    expect(unknownHall.data.code).toBe('HALL_NOT_FOUND');
  });
});
