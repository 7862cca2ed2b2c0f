import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationEvents } from '@hall/testing';
import { ADMIN_TOKEN, ApiClient, createHall, createTestApp, type HallFixture, type TestApp } from '../testing/test-app.ts';

// Every "only one X" rule is decided by the database (decision 1121): N requests
// fired at once, through one app or through two apps on the same database
// (two service processes), give exactly one success, N−1 409s and one event.

const N = 4;
let one: TestApp;
let two: TestApp;
let hall: HallFixture;

/** The same client (token) speaking to each of the two processes in turn. */
function spread(client: ApiClient, across: 'one app' | 'two apps'): ApiClient[] {
  const apps = across === 'one app' ? [one.app] : [one.app, two.app];
  return Array.from({ length: N }, (_, i) => new ApiClient(apps[i % apps.length]!, client.token));
}

async function history(type: string): Promise<Array<{ id: string; data: Record<string, unknown> }>> {
  const res = await hall.supervisor.get(`/v1/halls/${hall.hallId}/events?limit=1000`);
  expect(res.statusCode, res.body).toBe(200);
  return res.data.events.filter((e: { type: string }) => e.type === type);
}

function statuses(responses: Array<{ statusCode: number }>): number[] {
  return responses.map((r) => r.statusCode).sort();
}

const finding = (id: string, occurredAt: string, ruleCode: string) => ({
  id,
  type: 'InspectionRecorded',
  occurredAt,
  data: { inspectionId: id, inspectorId: 'insp', findings: [{ ruleCode, windowId: 'w1', staffId: 's1', count: 1 }] },
});

async function lineItemIds(ruleCode: string): Promise<string[]> {
  const res = await hall.supervisor.get(`/v1/halls/${hall.hallId}/periods/2026-10/windows/w1`);
  expect(res.statusCode, res.body).toBe(200);
  return res.data.lineItems.filter((li: { ruleCode: string }) => li.ruleCode === ruleCode).map((li: { id: string }) => li.id);
}

beforeAll(async () => {
  one = await createTestApp({ now: '2026-11-26T04:00:00Z' });
  two = await one.restart();
  hall = await createHall(one, { assessmentStartsOn: '2026-09-01', autoAdvance: false });
  await hall.post(organisationEvents());
  await hall.post([
    finding('oct-hyg', '2026-10-10T10:00:00+08:00', 'HYG_NOT_CLEAN'),
    finding('oct-idle', '2026-10-11T10:00:00+08:00', 'CON_IDLE_AT_POST'),
    finding('oct-badge', '2026-10-12T10:00:00+08:00', 'CON_BADGE_UNIFORM'),
  ]);
});
afterAll(async () => {
  await two.close();
  await one.close();
});

describe.each(['one app', 'two apps'] as const)('only one, through %s', (across) => {
  it('a line item has one pending appeal, and an appeal one decision', async () => {
    const ruleCode = across === 'one app' ? 'HYG_NOT_CLEAN' : 'CON_IDLE_AT_POST';
    const [lineItemId] = await lineItemIds(ruleCode);
    expect(lineItemId).toBeDefined();
    const filings = await Promise.all(
      spread(hall.supervisor, across).map((c, i) => c.post(`/v1/halls/${hall.hallId}/appeals`, { lineItemId, reason: `filing ${i}` })),
    );
    expect(statuses(filings)).toEqual([201, ...Array(N - 1).fill(409)]);
    const winner = filings.find((r) => r.statusCode === 201)!;
    for (const lost of filings.filter((r) => r.statusCode === 409)) {
      expect(lost.data).toMatchObject({ code: 'APPEAL_PENDING', status: 409 });
      expect(lost.headers['content-type']).toContain('application/problem+json');
    }
    const filed = (await history('AppealFiled')).filter((e) => e.data.lineItemId === lineItemId);
    expect(filed.map((e) => e.data.appealId)).toEqual([winner.data.appealId]);

    const url = `/v1/halls/${hall.hallId}/appeals/${winner.data.appealId}/decision`;
    const decisions = await Promise.all(spread(hall.supervisor, across).map((c, i) => c.post(url, { upheld: i % 2 === 0, reason: 'looked at the photo' })));
    expect(statuses(decisions)).toEqual([200, ...Array(N - 1).fill(409)]);
    for (const lost of decisions.filter((r) => r.statusCode === 409)) expect(lost.data.code).toBe('APPEAL_DECIDED');
    const decided = (await history('AppealDecided')).filter((e) => e.data.appealId === winner.data.appealId);
    expect(decided).toHaveLength(1);
    expect(decided[0]!.data.upheld).toBe(decisions.find((r) => r.statusCode === 200)!.data.status === 'upheld');

    // Once decided, the line item takes one new appeal again (the next filing slot), and only one.
    const again = await Promise.all(
      spread(hall.supervisor, across).map((c) => c.post(`/v1/halls/${hall.hallId}/appeals`, { lineItemId, reason: 'new evidence' })),
    );
    expect(statuses(again)).toEqual([201, ...Array(N - 1).fill(409)]);
    expect((await history('AppealFiled')).filter((e) => e.data.lineItemId === lineItemId)).toHaveLength(2);
  });

  it('a rule catalogue version number is published once', async () => {
    const current = await hall.supervisor.get(`/v1/halls/${hall.hallId}/rules`);
    const before = (await history('RuleCatalogueVersionPublished')).length;
    const rules = current.data.rules;
    const publications = await Promise.all(
      spread(hall.supervisor, across).map((c, i) =>
        // Same effective date, different contents: without the database deciding, each would become a version.
        c.post(`/v1/halls/${hall.hallId}/rules/versions`, { effectiveFrom: '2026-12-01', rules, settings: { lateEarlyHalfDayMinutes: 30 + i } }),
      ),
    );
    // A request that reads the catalogue after another's version committed publishes the next
    // version, as a supervisor publishing twice would: what must never happen is two
    // publications claiming one version number.
    const won = publications.filter((r) => r.statusCode === 201);
    expect(won.length, publications.map((r) => r.body).join('\n')).toBeGreaterThanOrEqual(1);
    for (const lost of publications.filter((r) => r.statusCode !== 201)) {
      expect(lost.statusCode).toBe(409);
      expect(lost.data.code).toBe('RULE_VERSION_EXISTS');
    }
    const versions = won.map((r) => r.data.version as number).sort((a, b) => a - b);
    expect(versions).toEqual(versions.map((_, i) => before + 1 + i));
    expect(await history('RuleCatalogueVersionPublished')).toHaveLength(before + won.length);
    for (const winner of won) {
      expect((await hall.supervisor.get(`/v1/halls/${hall.hallId}/rules/versions/${winner.data.version}`)).data).toEqual(winner.data);
    }
  });

  it('a client name is held by one active client (decision 1801)', async () => {
    const name = `kiosk ${across}`;
    const creations = await Promise.all(
      spread(hall.supervisor, across).map((c) => c.post(`/v1/halls/${hall.hallId}/clients`, { name, role: 'kiosk', windowId: 'w1' })),
    );
    expect(statuses(creations)).toEqual([201, ...Array(N - 1).fill(409)]);
    for (const lost of creations.filter((r) => r.statusCode === 409)) {
      expect(lost.data.code).toBe('CLIENT_NAME_TAKEN');
      expect(lost.data.errors).toEqual([{ path: '/name', message: expect.any(String) }]);
    }
    const rows = await one.database.db.selectFrom('clients').select('client_id').where('hall_id', '=', hall.hallId).where('name', '=', name).execute();
    expect(rows.map((r) => r.client_id)).toEqual([creations.find((r) => r.statusCode === 201)!.data.clientId]);
  });

  it('a hall id is created once', async () => {
    const id = `only-one-${across.replace(' ', '-')}`;
    const apps = across === 'one app' ? [one.app, one.app, one.app, one.app] : [one.app, two.app, one.app, two.app];
    const creations = await Promise.all(
      apps.map((app, i) => new ApiClient(app, ADMIN_TOKEN).post('/v1/halls', { id, name: `hall ${i}`, assessmentStartsOn: '2026-09-01', autoAdvance: false })),
    );
    expect(statuses(creations)).toEqual([201, ...Array(N - 1).fill(409)]);
    for (const lost of creations.filter((r) => r.statusCode === 409)) expect(lost.data.code).toBe('HALL_EXISTS');
    const winner = creations.find((r) => r.statusCode === 201)!;
    expect((await new ApiClient(one.app, ADMIN_TOKEN).get(`/v1/halls/${id}`)).data.name).toBe(winner.data.name);
  });
});

describe('period transitions', () => {
  it('are one event whichever process makes them first; repeats answer 200 with nothing changed', async () => {
    const moves = await Promise.all(
      spread(hall.supervisor, 'two apps').map((c) => c.post(`/v1/halls/${hall.hallId}/periods/2026-09/transitions`, { to: 'collecting' })),
    );
    expect(statuses(moves)).toEqual(Array(N).fill(200));
    const stages = (await history('PeriodAdvanced')).filter((e) => e.data.period === '2026-09' && e.data.to === 'collecting');
    expect(stages).toHaveLength(1);
  });
});
