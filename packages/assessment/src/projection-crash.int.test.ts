import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '@hall/event-store';
import { createHall, createTestApp, type TestApp } from '../testing/test-app.ts';
import { organisationEvents } from '../testing/organisation.fixture.ts';
import { Assessment } from './assessment.ts';
import { viewDb } from './view-tables.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-26T04:00:00Z' });
});
afterAll(() => t.close());

async function snapshot(hallId: string) {
  const vdb = viewDb(t.database.db);
  const rows = await vdb.selectFrom('score_views').select(['period', 'subject_type', 'subject_id', 'document']).where('hall_id', '=', hallId).orderBy('period').orderBy('subject_type').orderBy('subject_id').execute();
  const checkpoint = await vdb.selectFrom('projection_checkpoints').select('position').where('hall_id', '=', hallId).executeTakeFirst();
  return { views: canonicalJson(rows), checkpoint: Number(checkpoint?.position ?? 0) };
}

const finding = (id: string, windowId: string) => ({
  id,
  type: 'InspectionRecorded',
  occurredAt: '2026-11-12T10:00:00+08:00',
  data: { inspectionId: id, inspectorId: 'i', findings: [{ ruleCode: 'HYG_NOT_CLEAN', windowId, count: 2 }] },
});

describe('when the projection crashes mid-batch', () => {
  it('keeps the last committed views and checkpoint, and resumes with no event lost or counted twice', async () => {
    // Only the runners below move the views in this test.
    t.assessment.backgroundCatchUp = false;
    const hall = await createHall(t, { assessmentStartsOn: '2026-11-01' });
    await hall.post(organisationEvents('2026-11-01T08:00:00+08:00'));
    await t.assessment.caughtUp(hall.hallId);
    const before = await snapshot(hall.hallId);

    // A runner that dies just before committing its batch.
    const crashing = new Assessment(t.database.db, t.now);
    crashing.projection.beforeCommit = () => {
      throw new Error('killed');
    };
    await hall.post([finding('f1', 'w1'), finding('f2', 'w2')]);
    await expect(crashing.caughtUp(hall.hallId)).rejects.toThrow('killed');
    expect(await snapshot(hall.hallId)).toEqual(before);

    // The same runner, no longer failing, and a fresh one both resume from the checkpoint.
    crashing.projection.beforeCommit = () => undefined;
    await crashing.caughtUp(hall.hallId);
    const resumed = await snapshot(hall.hallId);
    expect(resumed.checkpoint).toBeGreaterThan(before.checkpoint);
    const w1 = await hall.supervisor.get(`/v1/halls/${hall.hallId}/periods/2026-11/windows/w1`);
    const hyg = w1.data.lineItems.filter((li: { ruleCode: string }) => li.ruleCode === 'HYG_NOT_CLEAN');
    expect(hyg).toHaveLength(1);
    expect(hyg[0].points).toBe(-2);

    const fresh = new Assessment(t.database.db, t.now);
    await fresh.caughtUp(hall.hallId);
    expect(await snapshot(hall.hallId)).toEqual(resumed);
  });
});
