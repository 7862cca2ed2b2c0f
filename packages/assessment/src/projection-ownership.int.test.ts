import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '@hall/event-store';
import { checkpointDb, ProjectionRunner, tryOwn } from '@hall/projections';
import { organisationEvents } from '@hall/testing';
import { HallStates } from './hall-states.ts';
import { ScoreProjection } from './projection.ts';
import { rebuildViews } from './rebuild-views.ts';
import { viewDb } from './view-tables.ts';
import { assessmentHarness, type AssessmentHarness } from './testing/given-hall.test-helper.ts';

let t: AssessmentHarness;
beforeAll(async () => {
  t = await assessmentHarness({ now: '2026-11-26T04:00:00Z' });
  // Only the runners below move the views in this test.
  t.halls.backgroundCatchUp = false;
});
afterAll(() => t.close());

const finding = (id: string, windowId: string, day = 12) => ({
  id,
  type: 'InspectionRecorded',
  occurredAt: `2026-11-${day}T10:00:00+08:00`,
  data: { inspectionId: id, inspectorId: 'i', findings: [{ ruleCode: 'HYG_NOT_CLEAN', windowId, count: 1 }] },
});

async function views(hallId: string, version = 1) {
  const vdb = viewDb(t.database.db);
  const scores = await vdb
    .selectFrom('score_views')
    .select(['period', 'subject_type', 'subject_id', 'document'])
    .where('hall_id', '=', hallId)
    .where('projection_version', '=', version)
    .orderBy('period')
    .orderBy('subject_type')
    .orderBy('subject_id')
    .execute();
  const months = await vdb.selectFrom('month_views').select(['period', 'stage', 'rankings', 'ratings']).where('hall_id', '=', hallId).where('projection_version', '=', version).orderBy('period').execute();
  return canonicalJson({ scores, months });
}

async function checkpoints(hallId: string) {
  return checkpointDb(t.database.db).selectFrom('projection_checkpoints').select(['version', 'position', 'active']).where('hall_id', '=', hallId).orderBy('version').execute();
}

describe('projection ownership on the database', () => {
  it('answers busy while another runner owns the hall, and projects once it is free', async () => {
    const hallId = await t.givenHall({ assessmentStartsOn: '2026-11-01' });
    await t.post(hallId, organisationEvents('2026-11-01T08:00:00+08:00'));
    const runner = new HallStates(t.database.db, t.now).runner;
    // Another process's batch, mid-transaction, holding the ownership.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let owned!: () => void;
    const ownedNow = new Promise<void>((resolve) => (owned = resolve));
    const other = t.database.db.transaction().execute(async (trx) => {
      expect(await tryOwn(trx, hallId, 'score-views')).toBe(true);
      owned();
      await held;
    });
    await ownedNow;
    expect(await runner.run(hallId)).toBe('busy');
    release();
    await other;
    expect(await runner.run(hallId)).toBe('written');
    expect(await checkpoints(hallId)).toEqual([{ version: 1, position: expect.any(String), active: true }]);
  });

  it('two runners taking turns on one hall leave the views a fresh rebuild writes, the checkpoint only moving forward', async () => {
    const hallId = await t.givenHall({ assessmentStartsOn: '2026-11-01' });
    await t.post(hallId, organisationEvents('2026-11-01T08:00:00+08:00'));
    const a = new HallStates(t.database.db, t.now);
    const b = new HallStates(t.database.db, t.now);
    const seen: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      await t.post(hallId, [finding(`f${i}`, i % 2 === 0 ? 'w1' : 'w2', 10 + i)]);
      // Both at once: one owns the hall, the other is busy or finds nothing left to do.
      const results = await Promise.all([a.runner.run(hallId), b.runner.run(hallId)]);
      expect(results).toContain('written');
      seen.push(Number((await checkpoints(hallId))[0]!.position));
    }
    expect([...seen].sort((x, y) => x - y)).toEqual(seen);
    // A runner that last wrote long ago (its cache of written rows is stale) still writes the right rows.
    await t.post(hallId, [finding('late-a', 'w1', 20)]);
    expect(await b.runner.run(hallId)).toBe('written');
    await t.post(hallId, [finding('late-b', 'w2', 21)]);
    expect(await a.runner.run(hallId)).toBe('written');
    const live = await views(hallId);
    await rebuildViews(t.database.db, t.now, [hallId]);
    expect(await views(hallId)).toEqual(live);
  });

  it('refuses to move a checkpoint backwards or from a position it no longer has', async () => {
    const hallId = await t.givenHall({ assessmentStartsOn: '2026-11-01' });
    await t.post(hallId, organisationEvents('2026-11-01T08:00:00+08:00'));
    const a = new HallStates(t.database.db, t.now);
    await a.runner.run(hallId);
    const at = Number((await checkpoints(hallId))[0]!.position);
    // Someone else moved it on: a batch planned from the old position rolls back.
    await sql`update projection_checkpoints set position = position + 1 where hall_id = ${hallId}`.execute(t.database.db);
    const { advanceCheckpoint } = await import('@hall/projections');
    const moved = await t.database.db.transaction().execute((trx) => advanceCheckpoint(trx, hallId, { name: 'score-views', version: 1 }, at, at + 5, t.now()));
    expect(moved).toBe(false);
    await expect(t.database.db.transaction().execute((trx) => advanceCheckpoint(trx, hallId, { name: 'score-views', version: 1 }, at + 1, at, t.now()))).rejects.toThrow(/move back/);
  });

  it('builds a new version beside the active one and switches when it reaches the head; the old version then stands down', async () => {
    const hallId = await t.givenHall({ assessmentStartsOn: '2026-11-01' });
    await t.post(hallId, [...organisationEvents('2026-11-01T08:00:00+08:00'), finding('v-f1', 'w1')]);
    const v1 = new HallStates(t.database.db, t.now);
    await v1.runner.run(hallId);
    const v1Rows = await views(hallId, 1);

    // Version 2 whose first batch is overtaken by an append: it stays in shadow.
    let overtake = true;
    class ScoreProjectionV2 extends ScoreProjection {
      override readonly version = 2;
      override async write(...args: Parameters<ScoreProjection['write']>) {
        if (overtake) {
          overtake = false;
          await t.post(hallId, [finding('v-f2', 'w2')]);
        }
        return super.write(...args);
      }
    }
    const v2 = new ProjectionRunner(t.database.db, new ScoreProjectionV2(t.now), { clock: t.now });
    expect(await v2.run(hallId)).toBe('written');
    expect((await checkpoints(hallId)).map((c) => [c.version, c.active])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(await views(hallId, 1)).toEqual(v1Rows);
    // The next batch reaches the head: version 2 becomes active and version 1's rows go, in one transaction.
    expect(await v2.run(hallId)).toBe('written');
    expect((await checkpoints(hallId)).map((c) => [c.version, c.active])).toEqual([[2, true]]);
    expect(await views(hallId, 1)).toEqual(canonicalJson({ scores: [], months: [] }));
    await v1.runner.run(hallId).catch(() => undefined);
    expect(await views(hallId, 2)).not.toEqual(v1Rows);
    // An old process still running version 1 does not write beside it.
    await t.post(hallId, [finding('v-f3', 'w1')]);
    expect(await v1.runner.run(hallId)).toBe('superseded');
    expect(await checkpoints(hallId)).toHaveLength(1);
  });

  it('keeps at most its capacity of halls in memory, evicting the least recently used', async () => {
    const halls = new HallStates(t.database.db, t.now, undefined, { capacity: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const hallId = await t.givenHall({ assessmentStartsOn: '2026-11-01' });
      ids.push(hallId);
      await halls.runner.run(hallId);
      expect(halls.runner.loadedCount).toBeLessThanOrEqual(2);
    }
    expect(halls.loadedState(ids[0]!)).toBeUndefined();
    expect(halls.loadedState(ids[3]!)).toBeDefined();
  });
});
