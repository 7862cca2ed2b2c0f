import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '@hall/event-store';
import { organisationEvents } from '@hall/testing';
import { HallStates } from './hall-states.ts';
import { scoreDocument } from './reads.ts';
import { viewDb } from './view-tables.ts';
import { assessmentHarness, type AssessmentHarness } from './testing/given-hall.test-helper.ts';

let t: AssessmentHarness;
beforeAll(async () => {
  t = await assessmentHarness({ now: '2026-11-26T04:00:00Z' });
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
    t.halls.backgroundCatchUp = false;
    const hallId = await t.givenHall({ assessmentStartsOn: '2026-11-01' });
    await t.post(hallId, organisationEvents('2026-11-01T08:00:00+08:00'));
    await t.halls.caughtUp(hallId);
    const before = await snapshot(hallId);

    // A runner that dies just before committing its batch.
    const crashing = new HallStates(t.database.db, t.now);
    crashing.runner.beforeCommit = () => {
      throw new Error('killed');
    };
    await t.post(hallId, [finding('f1', 'w1'), finding('f2', 'w2')]);
    await expect(crashing.caughtUp(hallId)).rejects.toThrow('killed');
    expect(await snapshot(hallId)).toEqual(before);

    // The same runner, no longer failing, and a fresh one both resume from the checkpoint.
    crashing.runner.beforeCommit = () => undefined;
    await crashing.caughtUp(hallId);
    const resumed = await snapshot(hallId);
    expect(resumed.checkpoint).toBeGreaterThan(before.checkpoint);
    const w1 = await scoreDocument(t.halls, (await t.halls.caughtUp(hallId)).hall.hallId, '2026-11', { type: 'window', id: 'w1' });
    const hyg = w1.lineItems.filter((li: { ruleCode: string }) => li.ruleCode === 'HYG_NOT_CLEAN');
    expect(hyg).toHaveLength(1);
    expect(hyg[0].points).toBe(-2);

    const fresh = new HallStates(t.database.db, t.now);
    await fresh.caughtUp(hallId);
    expect(await snapshot(hallId)).toEqual(resumed);
  });
});
