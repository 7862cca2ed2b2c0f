import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentEvent } from '@hall/contracts';
import { checkpointDb, ProjectionRunner, readCheckpoint, tryOwn } from '@hall/projections';
import { badRatingCaseId } from '@hall/scoring';
import { organisationEvents } from '@hall/testing';
import { generateSigner } from './audit/signer.ts';
import { hallBadRatingCases } from './hall-bad-rating-cases.ts';
import { advancePeriod } from './publish.ts';
import { PROJECTION, ScoreProjection } from './projection.ts';
import { newCaseRowCache, noteCaseEvent, pruneCaseEvents } from './case-rows.ts';
import { viewDb } from './view-tables.ts';
import { assessmentHarness, type AssessmentHarness } from './testing/given-hall.test-helper.ts';

// The bad_rating_cases rows (decision 1431): a batch writes only the cases that
// changed, and a new projection version carries the cases that left the bounded state.

let t: AssessmentHarness;
const { signer } = generateSigner();
beforeAll(async () => {
  t = await assessmentHarness({ now: '2026-09-30T04:00:00Z' });
  t.halls.backgroundCatchUp = false;
});
afterAll(() => t.close());

function badRating(ratingId: string, windowId: string, at: string) {
  const ticketId = `t-${ratingId}`;
  return [
    { id: `${ticketId}-i`, type: 'TicketIssued', occurredAt: at, data: { ticketId, number: ticketId, serviceItemId: 'item1' } },
    { id: `${ticketId}-d`, type: 'ServiceCompleted', occurredAt: at, data: { ticketId, windowId, staffId: 's1', outcome: 'completed' } },
    { id: ratingId, type: 'RatingSubmitted', occurredAt: at, data: { ratingId, level: 2, channel: 'qr', windowId, staffId: 's1', ticketId } },
  ];
}

async function rows(hallId: string, version: number) {
  return viewDb(t.database.db)
    .selectFrom('bad_rating_cases')
    .select(['case_id', 'period', 'window_id', 'document', 'position'])
    .where('hall_id', '=', hallId)
    .where('projection_version', '=', version)
    .orderBy('case_id')
    .execute();
}

describe('bad-rating case rows', () => {
  it('are written only when their case changed', async () => {
    t.setNow('2026-09-30T04:00:00Z');
    const hallId = await t.givenHall({ assessmentStartsOn: '2026-09-01' });
    await t.post(hallId, [...organisationEvents('2026-09-01T08:00:00+08:00'), ...badRating('r-a', 'w1', '2026-09-02T10:00:00+08:00'), ...badRating('r-b', 'w2', '2026-09-03T10:00:00+08:00')]);
    await t.halls.runner.run(hallId);
    const first = await rows(hallId, 1);
    expect(first.map((r) => r.case_id)).toEqual([badRatingCaseId('r-a'), badRatingCaseId('r-b')].sort());
    await t.post(hallId, [
      { id: 'a-done', type: 'BadRatingRectificationCompleted', occurredAt: '2026-09-04T10:00:00+08:00', data: { badRatingCaseId: badRatingCaseId('r-a'), measures: 'm', feedback: 'f' } },
    ]);
    await t.halls.runner.run(hallId);
    const second = await rows(hallId, 1);
    const byId = (list: typeof first, ratingId: string) => list.find((r) => r.case_id === badRatingCaseId(ratingId))!;
    expect(Number(byId(second, 'r-a').position)).toBeGreaterThan(Number(byId(first, 'r-a').position));
    expect(byId(second, 'r-b')).toEqual(byId(first, 'r-b'));
    // A fresh process (no cache of what it wrote) leaves the unchanged rows as they are too.
    const fresh = new ProjectionRunner(t.database.db, new ScoreProjection(t.now), { clock: t.now });
    await t.post(hallId, [
      { id: 'a-close', type: 'BadRatingCaseClosed', occurredAt: '2026-09-05T10:00:00+08:00', data: { badRatingCaseId: badRatingCaseId('r-a'), resolution: 'rectified' } },
    ]);
    expect(await fresh.run(hallId)).toBe('written');
    const third = await rows(hallId, 1);
    expect(byId(third, 'r-b')).toEqual(byId(first, 'r-b'));
    expect((byId(third, 'r-a').document as { closed: unknown }).closed).toMatchObject({ eventId: 'a-close' });
  });

  it('forget the noted case events another runner has written (a process that never owns the hall keeps no growing list)', async () => {
    t.setNow('2026-09-30T04:00:00Z');
    const hallId = await t.givenHall({ assessmentStartsOn: '2026-09-01' });
    await t.post(hallId, [...organisationEvents('2026-09-01T08:00:00+08:00'), ...badRating('r-p', 'w1', '2026-09-02T10:00:00+08:00')]);
    await t.halls.runner.run(hallId);
    const through = (await readCheckpoint(t.database.db, hallId, PROJECTION))!.position;
    const cache = newCaseRowCache();
    for (const position of [through - 1, through, through + 1, through + 2]) {
      noteCaseEvent(cache, { id: `n${position}`, type: 'BadRatingCaseClosed', occurredAt: '2026-09-03T10:00:00+08:00', recordedAt: '', position, clientId: 'c', data: { badRatingCaseId: 'brc-x', resolution: 'rectified' } } as AssessmentEvent);
    }
    await pruneCaseEvents(t.database.db, hallId, PROJECTION, cache);
    expect(cache.events.map((e) => e.position)).toEqual([through + 1, through + 2]);
  });

  it('of the cases a month left behind when it became final are written as they were, also those no batch saw', async () => {
    t.setNow('2026-09-30T04:00:00Z');
    const hallId = await t.givenHall({ assessmentStartsOn: '2026-09-01' });
    await t.post(hallId, organisationEvents('2026-09-01T08:00:00+08:00'));
    await t.halls.runner.run(hallId);
    t.setNow('2026-12-01T04:00:00Z');
    // Another process's batch holds the hall's ownership: no batch of this one writes until it lets go.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let owned!: () => void;
    const ownedNow = new Promise<void>((resolve) => (owned = resolve));
    const other = t.database.db.transaction().execute(async (trx) => {
      expect(await tryOwn(trx, hallId, PROJECTION.name)).toBe(true);
      owned();
      await held;
    });
    await ownedNow;
    try {
      // A 差评 of September arrives, and September and October become final before any batch folds it into rows.
      await t.post(hallId, badRating('r-gap', 'w1', '2026-09-10T10:00:00+08:00'));
      for (const period of ['2026-09', '2026-10']) expect((await advancePeriod(t.halls, signer, hallId, period, 'final', 'supervisor')).ok).toBe(true);
      expect(hallBadRatingCases(t.halls.loadedState(hallId)!)).toEqual([]);
      expect(await rows(hallId, 1)).toEqual([]);
    } finally {
      release();
      await other;
    }
    expect(await t.halls.runner.run(hallId)).toBe('written');
    expect((await rows(hallId, 1)).map((r) => [r.case_id, r.period])).toEqual([[badRatingCaseId('r-gap'), '2026-09']]);
  });

  it('of cases that left the bounded state are carried into a new projection version, which then replaces the old rows', async () => {
    t.setNow('2026-09-30T04:00:00Z');
    const hallId = await t.givenHall({ assessmentStartsOn: '2026-09-01' });
    await t.post(hallId, [...organisationEvents('2026-09-01T08:00:00+08:00'), ...badRating('r-sep', 'w1', '2026-09-02T10:00:00+08:00')]);
    t.setNow('2026-12-01T04:00:00Z');
    for (const period of ['2026-09', '2026-10']) expect((await advancePeriod(t.halls, signer, hallId, period, 'final', 'supervisor')).ok).toBe(true);
    await t.post(hallId, badRating('r-dec', 'w2', '2026-12-01T09:00:00+08:00'));
    await t.halls.runner.run(hallId);
    const v1 = await rows(hallId, 1);
    expect(v1.map((r) => r.period).sort()).toEqual(['2026-09', '2026-12']);
    // September's case has left the bounded state: only its row holds it.
    expect(hallBadRatingCases(await t.halls.caughtUp(hallId)).map((c) => c.ratingId)).toEqual(['r-dec']);

    class ScoreProjectionV2 extends ScoreProjection {
      override readonly version = 2;
    }
    const v2 = new ProjectionRunner(t.database.db, new ScoreProjectionV2(t.now), { clock: t.now });
    expect(await v2.run(hallId)).toBe('written');
    const active = await checkpointDb(t.database.db).selectFrom('projection_checkpoints').select(['version', 'active']).where('hall_id', '=', hallId).execute();
    expect(active).toEqual([{ version: 2, active: true }]);
    expect((await rows(hallId, 2)).map(({ case_id, period, window_id, document }) => ({ case_id, period, window_id, document }))).toEqual(
      v1.map(({ case_id, period, window_id, document }) => ({ case_id, period, window_id, document })),
    );
    expect(await rows(hallId, 1)).toEqual([]);
  });
});
