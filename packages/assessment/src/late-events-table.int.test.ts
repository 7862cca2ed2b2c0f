import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectionRunner } from '@hall/projections';
import { organisationEvents } from '@hall/testing';
import { generateSigner } from './audit/signer.ts';
import { HallStates } from './hall-states.ts';
import { lateEvents } from './late-events.ts';
import { latestSnapshot } from './load-hall-state.ts';
import { ScoreProjection } from './projection.ts';
import { advancePeriod, restatePeriod } from './publish.ts';
import { rebuildViews } from './rebuild-views.ts';
import { assessmentHarness, type AssessmentHarness } from './testing/given-hall.test-helper.ts';

// The late_events table (migration 0017, decision 1441): written by the score
// projection as it folds, equal whether built live batch by batch, by a
// rebuild from the latest carry-over snapshot, or by a new projection version.

let t: AssessmentHarness;
const { signer } = generateSigner();
beforeAll(async () => {
  t = await assessmentHarness({ now: '2026-12-20T04:00:00Z' });
  // The test moves the projection itself, batch by batch.
  t.halls.backgroundCatchUp = false;
});
afterAll(() => t.close());

const finding = (id: string, day: string, windowId = 'w1') => ({
  id,
  type: 'InspectionRecorded',
  occurredAt: `${day}T10:00:00+08:00`,
  data: { inspectionId: id, inspectorId: 'i', findings: [{ ruleCode: 'HYG_NOT_CLEAN', windowId, staffId: windowId === 'w1' ? 's1' : 's2' }] },
});
const ticket = (id: string, day: string) => [
  { id: `${id}-i`, type: 'TicketIssued', occurredAt: `${day}T10:00:00+08:00`, data: { ticketId: id, number: id, serviceItemId: 'item1' } },
  { id: `${id}-c`, type: 'ServiceCompleted', occurredAt: `${day}T10:05:00+08:00`, data: { ticketId: id, windowId: 'w1', staffId: 's1', outcome: 'completed' } },
  { id: `${id}-r`, type: 'RatingSubmitted', occurredAt: `${day}T10:06:00+08:00`, data: { ratingId: id, level: 4, channel: 'web', windowId: 'w1', ticketId: id } },
];

async function table(hallId: string, version = 1): Promise<Array<{ period: string; event_id: string; position: string }>> {
  const { rows } = await sql<{ period: string; event_id: string; position: string }>`
    select period, event_id, position::text as position from late_events
    where hall_id = ${hallId} and projection_version = ${version} order by period, position`.execute(t.database.db);
  return rows;
}

const ids = (rows: ReadonlyArray<{ period: string; event_id: string }>, period: string) => rows.filter((r) => r.period === period).map((r) => r.event_id);

async function checkpoint(hallId: string): Promise<number> {
  const { rows } = await sql<{ position: string }>`select position from projection_checkpoints where hall_id = ${hallId} and active`.execute(t.database.db);
  return Number(rows[0]?.position ?? 0);
}

/** A hall with September and October final (the snapshot is November's) and late events of each kind, projected batch by batch. */
async function hallWithLateEvents(): Promise<string> {
  const hallId = await t.givenHall({ assessmentStartsOn: '2026-09-01' });
  await t.post(hallId, organisationEvents('2026-09-01T08:00:00+08:00'));
  await t.post(hallId, [
    ...ticket('sep-t', '2026-09-10'),
    finding('sep-f', '2026-09-11'),
    { id: 'lv-sep', type: 'LeaveApproved', occurredAt: '2026-09-01T09:00:00+08:00', data: { leaveId: 'lv-sep', staffId: 's1', windowId: 'w1', leaveType: 'personal', from: '2026-09-15', to: '2026-09-15' } },
  ]);
  await t.post(hallId, [...ticket('oct-t', '2026-10-10'), finding('oct-f', '2026-10-11')]);
  await t.post(hallId, [...ticket('nov-t', '2026-11-10')]);
  expect((await advancePeriod(t.halls, signer, hallId, '2026-09', 'final', 'supervisor')).ok).toBe(true);
  // Late for September before October is final: behind November's snapshot, so a rebuild does not fold it.
  await t.post(hallId, [finding('sep-late-early', '2026-09-20')]);
  await t.halls.caughtUp(hallId);
  expect((await advancePeriod(t.halls, signer, hallId, '2026-10', 'final', 'supervisor')).ok).toBe(true);
  expect((await latestSnapshot(t.database.db, hallId))?.fromMonth).toBe('2026-11');
  // The live state no longer holds September's leave approval or finding: the writer reads them from the store.
  const state = await t.halls.caughtUp(hallId);
  expect(state.eventById('lv-sep')).toBeUndefined();
  expect(state.eventById('sep-f')).toBeUndefined();
  await t.post(hallId, [finding('sep-late', '2026-09-21'), finding('nov-f', '2026-11-12')]);
  await t.halls.caughtUp(hallId);
  await t.post(hallId, [
    { id: 'sub-sep', type: 'SubstituteAssigned', occurredAt: '2026-11-02T09:00:00+08:00', data: { leaveId: 'lv-sep', substituteStaffId: 's2' } },
    { id: 'void-sep', type: 'EventVoided', occurredAt: '2026-11-05T09:00:00+08:00', data: { voidedEventId: 'sep-f', reason: 'entered twice' } },
  ]);
  await t.halls.caughtUp(hallId);
  await t.post(hallId, [
    { id: 'adj-oct', type: 'ScoreAdjusted', occurredAt: '2026-11-06T09:00:00+08:00', data: { adjustmentId: 'adj-oct', subject: { type: 'window', id: 'w1' }, period: '2026-10', category: 'bonus', points: 1, reason: 'r' } },
    finding('oct-late', '2026-10-25'),
    ...ticket('nov-t2', '2026-11-13'),
  ]);
  await t.halls.caughtUp(hallId);
  return hallId;
}

describe('the late_events table', () => {
  it('holds the late events of each final month, placed by the projection, and a restatement takes them in', async () => {
    const hallId = await hallWithLateEvents();
    const before = await table(hallId);
    expect(ids(before, '2026-09')).toEqual(['sep-late-early', 'sep-late', 'sub-sep', 'void-sep']);
    expect(ids(before, '2026-10')).toEqual(['adj-oct', 'oct-late']);
    expect(ids(before, '2026-11')).toEqual([]);
    const live = await t.halls.caughtUp(hallId);
    expect((await lateEvents(t.halls, live, '2026-09')).map((e) => e.id)).toEqual(['sep-late-early', 'sep-late', 'sub-sep', 'void-sep']);

    // A restatement of September takes its late events in; one arriving after it is late again.
    expect((await restatePeriod(t.halls, signer, hallId, '2026-09', 'late events')).ok).toBe(true);
    await t.post(hallId, [finding('sep-later', '2026-09-22')]);
    await t.halls.caughtUp(hallId);
    const after = await table(hallId);
    expect(ids(after, '2026-09')).toEqual(['sep-later']);
    expect(ids(after, '2026-10')).toEqual(['adj-oct', 'oct-late']);
    expect((await lateEvents(t.halls, await t.halls.caughtUp(hallId), '2026-09')).map((e) => e.id)).toEqual(['sep-later']);
  });

  it('replay = live: a rebuild from the snapshot and a new projection version write the same rows', async () => {
    const hallId = await hallWithLateEvents();
    expect((await restatePeriod(t.halls, signer, hallId, '2026-10', 'late events')).ok).toBe(true);
    await t.post(hallId, [finding('sep-late-2', '2026-09-23'), finding('oct-late-2', '2026-10-26')]);
    await t.halls.caughtUp(hallId);
    const live = await table(hallId);
    expect(ids(live, '2026-09')).toEqual(['sep-late-early', 'sep-late', 'sub-sep', 'void-sep', 'sep-late-2']);
    expect(ids(live, '2026-10')).toEqual(['oct-late-2']);

    // A rebuild (rows left as they are, then rewritten) and a rebuild from an empty table.
    await rebuildViews(t.database.db, t.now, [hallId]);
    expect(await table(hallId)).toEqual(live);
    await sql`delete from late_events where hall_id = ${hallId}`.execute(t.database.db);
    await rebuildViews(t.database.db, t.now, [hallId]);
    expect(await table(hallId)).toEqual(live);

    // A fresh process folding the whole history from no checkpoint.
    await sql`delete from late_events where hall_id = ${hallId}`.execute(t.database.db);
    await sql`delete from projection_checkpoints where hall_id = ${hallId}`.execute(t.database.db);
    await new HallStates(t.database.db, t.now).caughtUp(hallId);
    expect(await table(hallId)).toEqual(live);

    // A new projection version builds its own rows beside, then replaces version 1's.
    class ScoreProjectionV2 extends ScoreProjection {
      override readonly version = 2;
    }
    await new ProjectionRunner(t.database.db, new ScoreProjectionV2(t.now), { clock: t.now }).run(hallId);
    expect(await table(hallId, 2)).toEqual(live);
    expect(await table(hallId, 1)).toEqual([]);
  });

  it('is written with the checkpoint: a read of it moves nothing', async () => {
    const hallId = await hallWithLateEvents();
    const at = await checkpoint(hallId);
    await t.post(hallId, [finding('sep-unprojected', '2026-09-24')]);
    // Nothing projected the append: the table and the checkpoint stay where they were.
    expect(ids(await table(hallId), '2026-09')).not.toContain('sep-unprojected');
    expect(await checkpoint(hallId)).toBe(at);
    await t.halls.caughtUp(hallId);
    expect(ids(await table(hallId), '2026-09').at(-1)).toBe('sep-unprojected');
    expect(await checkpoint(hallId)).toBeGreaterThan(at);
  });
});
