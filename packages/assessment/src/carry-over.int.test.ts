import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvents } from '@hall/event-store';
import { scoreMonth } from '@hall/scoring';
import { organisationEvents } from '@hall/testing';
import { generateSigner } from './audit/signer.ts';
import { toAssessmentEvent } from './hall-state.ts';
import { HallStates } from './hall-states.ts';
import { latestSnapshot } from './load-hall-state.ts';
import { advancePeriod, readVersion, restatePeriod } from './index.ts';
import { lateEvents } from './late-events.ts';
import { scoreDocument } from './reads.ts';
import { assessmentHarness, type AssessmentHarness } from './testing/given-hall.test-helper.ts';

let t: AssessmentHarness;
const { signer } = generateSigner();
beforeAll(async () => {
  t = await assessmentHarness({ now: '2026-12-20T04:00:00Z' });
  t.halls.backgroundCatchUp = false;
});
afterAll(() => t.close());

type TestEvent = { id: string; type: string; occurredAt: string; data: Record<string, unknown> };

/** A month of tickets at w1 (completed, every other one rated), a finding, and a leave reaching into the next month. */
function monthOf(month: string, tickets: number): TestEvent[] {
  const events: TestEvent[] = [];
  for (let i = 0; i < tickets; i += 1) {
    const at = `2026-${month}-${String((i % 25) + 1).padStart(2, '0')}T10:${String(i % 60).padStart(2, '0')}:00+08:00`;
    const id = `t${month}-${i}`;
    events.push(
      { id: `${id}-i`, type: 'TicketIssued', occurredAt: at, data: { ticketId: id, number: `A${i}`, serviceItemId: 'item1' } },
      { id: `${id}-c`, type: 'ServiceCompleted', occurredAt: at, data: { ticketId: id, windowId: 'w1', staffId: 's1', outcome: 'completed' } },
    );
    if (i % 2 === 0) events.push({ id: `${id}-r`, type: 'RatingSubmitted', occurredAt: at, data: { ratingId: id, level: 5, channel: 'web', windowId: 'w1', ticketId: id } });
  }
  events.push({ id: `f${month}`, type: 'InspectionRecorded', occurredAt: `2026-${month}-20T10:00:00+08:00`, data: { inspectionId: `f${month}`, inspectorId: 'i', findings: [{ ruleCode: 'HYG_NOT_CLEAN', windowId: 'w2', staffId: 's2' }] } });
  return events;
}

async function history(hallId: string) {
  const stored = await readEvents(t.database.db, hallId, { after: 0, limit: 100_000 });
  return stored.map(toAssessmentEvent);
}

describe('month-scoped state with carry-over', () => {
  it('stores a snapshot when a month becomes final, keeps only what crosses, and loads, restates and lists late events from it', async () => {
    const hallId = await t.givenHall({ assessmentStartsOn: '2026-09-01' });
    await t.post(hallId, organisationEvents('2026-09-01T08:00:00+08:00'));
    await t.post(hallId, monthOf('09', 60));
    await t.post(hallId, monthOf('10', 60));
    // A leave from late October into November carries over; a ticket completed on 28 October is within the rating horizon.
    await t.post(hallId, [
      { id: 'lv', type: 'LeaveApproved', occurredAt: '2026-10-20T08:00:00+08:00', data: { leaveId: 'lv', staffId: 's3', windowId: 'w3', leaveType: 'personal', from: '2026-10-29', to: '2026-11-03' } },
      { id: 'late-oct-i', type: 'TicketIssued', occurredAt: '2026-10-28T10:00:00+08:00', data: { ticketId: 'late-oct', number: 'B1', serviceItemId: 'item1' } },
      { id: 'late-oct-c', type: 'ServiceCompleted', occurredAt: '2026-10-28T10:10:00+08:00', data: { ticketId: 'late-oct', windowId: 'w1', staffId: 's1', outcome: 'completed' } },
    ]);
    await t.post(hallId, monthOf('11', 60));

    const sep = await advancePeriod(t.halls, signer, hallId, '2026-09', 'final', 'supervisor');
    const oct = await advancePeriod(t.halls, signer, hallId, '2026-10', 'final', 'supervisor');
    expect(sep.ok && oct.ok).toBe(true);

    // The snapshot is November's, and the state holds November, the leave, the recent ticket and the hall's setup only.
    const snapshot = await latestSnapshot(t.database.db, hallId);
    expect(snapshot?.fromMonth).toBe('2026-11');
    const state = await t.halls.caughtUp(hallId);
    expect(state.fromMonth).toBe('2026-11');
    const all = await history(hallId);
    expect(state.model.events.size).toBeLessThan(all.length / 2);
    expect(state.eventById('lv')).toBeDefined();
    expect(state.eventById('late-oct-c')).toBeDefined();
    expect(state.eventById('t09-0-c')).toBeUndefined();

    // A rating for the recent ticket, dated in November, counts as with the whole history.
    await t.post(hallId, [{ id: 'late-oct-r', type: 'RatingSubmitted', occurredAt: '2026-11-02T09:00:00+08:00', data: { ratingId: 'late-oct', level: 1, channel: 'web', windowId: 'w1', ticketId: 'late-oct' } }]);
    // A fresh process loads the snapshot plus the events after it and serves November as the whole history scores it.
    const fresh = new HallStates(t.database.db, t.now);
    fresh.backgroundCatchUp = false;
    const loaded = await fresh.caughtUp(hallId);
    expect(loaded.fromMonth).toBe('2026-11');
    const whole = scoreMonth(await history(hallId), '2026-11');
    for (const doc of [...whole.windows, ...whole.staff]) {
      expect(await scoreDocument(fresh, hallId, '2026-11', doc.subject)).toEqual(doc);
    }

    // A late finding for September is listed late, and a restatement scores September from its own state.
    await t.post(hallId, [{ id: 'sep-late', type: 'InspectionRecorded', occurredAt: '2026-09-21T10:00:00+08:00', data: { inspectionId: 'sep-late', inspectorId: 'i', findings: [{ ruleCode: 'HYG_NOT_CLEAN', windowId: 'w1', staffId: 's1' }] } }]);
    const live = await t.halls.caughtUp(hallId);
    expect((await lateEvents(t.halls, live, '2026-09')).map((e) => e.id)).toEqual(['sep-late']);
    expect(await lateEvents(t.halls, live, '2026-10')).toEqual([]);
    const restated = await restatePeriod(t.halls, signer, hallId, '2026-09', 'late finding');
    expect(restated.ok).toBe(true);
    const version = await readVersion(t.halls, hallId, '2026-09', restated.ok ? restated.value.version : 0);
    const september = scoreMonth(await history(hallId), '2026-09', { stage: 'final', version: version!.version });
    expect(version!.windows).toEqual(september.windows);
    expect(version!.staff).toEqual(september.staff);
    // The live state still holds only the open months.
    expect((await t.halls.caughtUp(hallId)).eventById('t09-0-c')).toBeUndefined();
  });
});
