import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTestApp, finding, givenHallWithJanuary, moveTo, restate, type AuditTestApp } from './audit-app.test-helper.ts';
import { checkpointPayload, verifierFromPublicKey } from '@hall/assessment';

let a: AuditTestApp;
beforeAll(async () => {
  a = await auditTestApp();
});
afterAll(() => a?.close());

/** A hall whose January is final (v2) and restated (v3), with later events after the restatement. */
async function publishedHall(): Promise<{ hallId: string; checkpoints: any[] }> {
  const hallId = await givenHallWithJanuary(a);
  await moveTo(a, hallId, '2026-01', 'final');
  await a.call('POST', `/v1/halls/${hallId}/events`, { events: [finding('CON_QUARREL', 'w2', 20)] });
  await restate(a, hallId, '2026-01');
  await a.call('POST', `/v1/halls/${hallId}/events`, { events: [finding('HYG_NOT_SHUT_DOWN', 'w1', 21), finding('ARC_DISORDER', 'w1', 22)] });
  const res = await a.call('GET', `/v1/halls/${hallId}/audit/checkpoints`);
  expect(res.status).toBe(200);
  return { hallId, checkpoints: res.json.checkpoints };
}

const verify = async (hallId: string) => (await a.call('GET', `/v1/halls/${hallId}/audit/verify`)).json;

describe('signed checkpoints', () => {
  it('stores one per final and restated publication, covering the history through its PeriodAdvanced event', async () => {
    const { hallId, checkpoints } = await publishedHall();
    expect(checkpoints.map((c) => [c.period, c.version])).toEqual([
      ['2026-01', 2],
      ['2026-01', 3],
    ]);
    const events = (await a.call('GET', `/v1/halls/${hallId}/events?limit=1000`)).json.events as any[];
    for (const c of checkpoints) {
      const e = events.find((x) => x.position === c.position);
      expect(e).toMatchObject({ type: 'PeriodAdvanced', hash: c.headHash, data: { period: c.period, version: c.version, scoresHash: c.scoresHash } });
    }
  });

  it('verifies with the served public key alone', async () => {
    const { checkpoints } = await publishedHall();
    const key = await a.call('GET', '/v1/audit/public-key');
    expect(key.status).toBe(200);
    expect(key.json).toMatchObject({ algorithm: 'Ed25519', keyId: a.signer.keyId });
    const verifier = verifierFromPublicKey(key.json.publicKey);
    for (const c of checkpoints) expect(verifier.verify(checkpointPayload(c), c.signature)).toBe(true);
  });

  it('serves the public key only with a token', async () => {
    const res = await a.app.inject({ method: 'GET', url: '/v1/audit/public-key' });
    expect(res.statusCode).toBe(401);
  });

  it('lets auditors and supervisors list checkpoints, not dashboards', async () => {
    const { hallId } = await publishedHall();
    const dash = await a.call('POST', `/v1/halls/${hallId}/clients`, { name: 'wall', role: 'dashboard' });
    const aud = await a.call('POST', `/v1/halls/${hallId}/clients`, { name: 'audit office', role: 'auditor' });
    expect((await a.call('GET', `/v1/halls/${hallId}/audit/checkpoints`, undefined, dash.json.token)).status).toBe(403);
    expect((await a.call('GET', `/v1/halls/${hallId}/audit/checkpoints`, undefined, aud.json.token)).status).toBe(200);
  });
});

describe('verify', () => {
  it('reports an untouched history as ok with its checkpoints checked', async () => {
    const { hallId } = await publishedHall();
    const hall = (await a.call('GET', `/v1/halls/${hallId}`)).json;
    expect(await verify(hallId)).toEqual({
      ok: true,
      eventsChecked: hall.headPosition,
      headPosition: hall.headPosition,
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      checkpointsChecked: 2,
    });
  });

  describe('when the database was tampered with directly', () => {
    it('reports one changed byte of one event\'s data at its position', async () => {
      const { hallId } = await publishedHall();
      const { rows } = await sql<{ position: string; data: string }>`
        select position, data::text as data from events where hall_id = ${hallId} and type = 'InspectionRecorded' order by position limit 1`.execute(a.t.db);
      const target = rows[0]!;
      const changed = target.data.replace('CON_BADGE_UNIFORM', 'CON_BADGE_UNIFORN');
      expect(changed).not.toBe(target.data);
      await sql`update events set data = ${changed}::json where hall_id = ${hallId} and position = ${target.position}`.execute(a.t.db);
      expect(await verify(hallId)).toMatchObject({ ok: false, firstBrokenPosition: Number(target.position), eventsChecked: Number(target.position) - 1 });
    });

    it('reports a deleted event at the position that went missing', async () => {
      const { hallId } = await publishedHall();
      await sql`delete from events where hall_id = ${hallId} and position = 9`.execute(a.t.db);
      expect(await verify(hallId)).toMatchObject({ ok: false, firstBrokenPosition: 9, eventsChecked: 8 });
    });

    it('reports two swapped events at the first of them', async () => {
      const { hallId } = await publishedHall();
      await sql`update events set position = 1000000 where hall_id = ${hallId} and position = 7`.execute(a.t.db);
      await sql`update events set position = 7 where hall_id = ${hallId} and position = 8`.execute(a.t.db);
      await sql`update events set position = 8 where hall_id = ${hallId} and position = 1000000`.execute(a.t.db);
      expect(await verify(hallId)).toMatchObject({ ok: false, firstBrokenPosition: 7, eventsChecked: 6 });
    });

    it('reports a truncated tail, head rolled back, at the first position cut before a checkpoint', async () => {
      const { hallId, checkpoints } = await publishedHall();
      const last = checkpoints.at(-1);
      const keep = last.position - 2;
      const { rows } = await sql<{ hash: string }>`select hash from events where hall_id = ${hallId} and position = ${keep}`.execute(a.t.db);
      await sql`delete from period_versions where hall_id = ${hallId} and version = 3`.execute(a.t.db);
      await sql`delete from events where hall_id = ${hallId} and position > ${keep}`.execute(a.t.db);
      await sql`update halls set head_position = ${keep}, head_hash = ${rows[0]!.hash} where hall_id = ${hallId}`.execute(a.t.db);
      expect(await verify(hallId)).toMatchObject({
        ok: false,
        eventsChecked: keep,
        headPosition: keep,
        firstBrokenPosition: keep + 1,
        brokenCheckpoint: { period: '2026-01', version: 3, position: last.position, problem: 'beyond_head' },
      });
    });

    it('reports a checkpoint whose signature was replaced by another one', async () => {
      const { hallId, checkpoints } = await publishedHall();
      const [first, second] = checkpoints;
      await sql`update audit_checkpoints set signature = ${second.signature} where hall_id = ${hallId} and version = ${first.version}`.execute(a.t.db);
      expect(await verify(hallId)).toMatchObject({
        ok: false,
        checkpointsChecked: 2,
        firstBrokenPosition: first.position,
        brokenCheckpoint: { version: first.version, position: first.position, problem: 'signature' },
      });
    });

    it('reports a deleted checkpoint as missing at its publication', async () => {
      const { hallId, checkpoints } = await publishedHall();
      await sql`delete from audit_checkpoints where hall_id = ${hallId} and version = 3`.execute(a.t.db);
      expect(await verify(hallId)).toMatchObject({
        ok: false,
        firstBrokenPosition: checkpoints[1].position,
        brokenCheckpoint: { version: 3, problem: 'missing' },
      });
    });
  });
});

describe('replay', () => {
  it('matches every published version', async () => {
    const { hallId } = await publishedHall();
    for (const version of [1, 2, 3]) {
      const res = await a.call('GET', `/v1/halls/${hallId}/audit/replay?period=2026-01&version=${version}`);
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ version, matches: true, differences: [] });
    }
  });

  it('replays the latest version when none is named, and answers 409 for a month never published', async () => {
    const { hallId } = await publishedHall();
    const latest = await a.call('GET', `/v1/halls/${hallId}/audit/replay?period=2026-01`);
    expect(latest.status).toBe(200);
    expect(latest.json).toMatchObject({ version: 3, matches: true });
    const never = await a.call('GET', `/v1/halls/${hallId}/audit/replay?period=2026-03`);
    expect(never.status).toBe(409);
    expect(never.json).toMatchObject({ code: 'NO_PUBLICATION' });
  });
});
