import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendServiceEvents, PROJECTION } from '@hall/assessment';
import { organisationEvents } from '@hall/testing';
import { createHall, createTestApp, type HallFixture, type TestApp } from '../testing/test-app.ts';

// The period, rule, appeal and personal reads answer from the tables and the
// events table (decision 1424): with the runner idle they reflect events the
// projection has not reached, and the projection's checkpoint does not move.

let t: TestApp;
let hall: HallFixture;
const appealId = randomUUID();

async function checkpoint(): Promise<number> {
  const { rows } = await sql<{ position: string }>`
    select position from projection_checkpoints where hall_id = ${hall.hallId} and projection = ${PROJECTION.name} and active`.execute(t.database.db);
  return Number(rows[0]?.position ?? 0);
}

async function head(): Promise<number> {
  const { rows } = await sql<{ head: string }>`select head_position as head from halls where hall_id = ${hall.hallId}`.execute(t.database.db);
  return Number(rows[0]!.head);
}

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-26T04:00:00Z' });
  hall = await createHall(t, { assessmentStartsOn: '2026-09-01', autoAdvance: false });
  await hall.post(organisationEvents());
  const moved = await hall.supervisor.post(`/v1/halls/${hall.hallId}/periods/2026-09/transitions`, { to: 'preliminary' });
  expect(moved.statusCode, moved.body).toBe(200);
  await t.assessment.caughtUp(hall.hallId);
  // From here nothing projects unless a read does. The batch the transition kicked is still scheduled (its delay
  // grows with a slow batch, so on a loaded machine it fired during the reads below): stop() clears it.
  t.assessment.backgroundCatchUp = false;
  t.assessment.stop();
  const rules = (await hall.supervisor.get(`/v1/halls/${hall.hallId}/rules`)).data;
  await appendServiceEvents(t.assessment, hall.hallId, [
    {
      id: `rules:${hall.hallId}:v${rules.version + 1}`,
      type: 'RuleCatalogueVersionPublished',
      occurredAt: '2026-11-26T04:00:00Z',
      data: { ...rules, version: rules.version + 1, effectiveFrom: '2026-11-01' },
    },
    { id: `appeal-filing:h9:0`, type: 'AppealFiled', occurredAt: '2026-11-26T04:00:00Z', data: { appealId, lineItemId: 'li-h9', period: '2026-09', reason: 'not mine' } },
    {
      id: 'period:2026-10:collecting',
      type: 'PeriodAdvanced',
      occurredAt: '2026-11-26T04:00:00Z',
      data: { period: '2026-10', to: 'collecting', version: null, computedThrough: null, scoresHash: null, trigger: 'supervisor' },
    },
  ]);
});
afterAll(() => t.close());

describe('reads that never project', () => {
  it('answer the appended events from the store while the checkpoint stays behind', async () => {
    const before = await checkpoint();
    const at = await head();
    expect(before).toBeLessThan(at);
    const base = `/v1/halls/${hall.hallId}`;
    const get = async (url: string) => {
      const res = await hall.supervisor.get(`${base}${url}`);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      expect(await checkpoint(), `${url} moved the checkpoint`).toBe(before);
      return res;
    };

    const rules = await get('/rules');
    expect(rules.data.version).toBe(2);
    expect(rules.headers['as-of-position']).toBe(String(at));
    expect((await get('/rules/versions/2')).data.effectiveFrom).toBe('2026-11-01');

    const appeal = await get(`/appeals/${appealId}`);
    expect(appeal.data).toMatchObject({ appealId, status: 'pending', period: '2026-09' });
    const monthAppeals = await get('/periods/2026-09/appeals');
    expect(monthAppeals.data.appeals.map((x: { appealId: string }) => x.appealId)).toEqual([appealId]);
    expect(monthAppeals.headers['as-of-position']).toBe(String(at));

    const october = await get('/periods/2026-10');
    expect(october.data).toMatchObject({ period: '2026-10', stage: 'collecting', versions: [], lateEvents: 0 });
    expect(october.headers['as-of-position']).toBe(String(at));
    const september = await get('/periods/2026-09');
    expect(september.data.stage).toBe('preliminary');
    expect(september.data.versions).toHaveLength(1);
    expect((await get('/periods/2026-09/late-events')).data).toEqual({ period: '2026-09', events: [] });

    await get('/quarters/2026-Q3/staff');
    await get('/years/2026');

    expect(await checkpoint()).toBe(before);
  });
});
