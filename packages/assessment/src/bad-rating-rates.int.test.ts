import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badRatingCaseId } from '@hall/scoring';
import { organisationEvents } from '@hall/testing';
import { generateSigner } from './audit/signer.ts';
import { HallStates } from './hall-states.ts';
import { erasePersonalData } from './personal-data.ts';
import { advancePeriod } from './publish.ts';
import { scoreDocument } from './reads.ts';
import { replayVersion } from './replay.ts';
import { assessmentHarness, type AssessmentHarness } from './testing/given-hall.test-helper.ts';

let t: AssessmentHarness;
beforeAll(async () => {
  t = await assessmentHarness({ now: '2026-11-26T04:00:00Z' });
});
afterAll(() => t.close());
const { signer } = generateSigner();

/** A ticket completed at w1 by s1 and rated `level`, with a contact when `contact` is given. */
function ratedTicket(id: string, day: string, level: number, contact?: string) {
  const at = (time: string) => `2026-10-${day}T${time}+08:00`;
  return [
    { id: `${id}-i`, type: 'TicketIssued', occurredAt: at('09:00:00'), data: { ticketId: id, number: id, serviceItemId: 'item1' } },
    { id: `${id}-c`, type: 'ServiceCompleted', occurredAt: at('09:10:00'), data: { ticketId: id, windowId: 'w1', staffId: 's1', outcome: 'completed' } },
    {
      id: `${id}-r`,
      type: 'RatingSubmitted',
      occurredAt: at('09:20:00'),
      data: { ratingId: `r-${id}`, level, channel: 'web', windowId: 'w1', staffId: 's1', ticketId: id, ...(contact ? { contact } : {}) },
    },
  ];
}

describe('bad-rating rates through the store', () => {
  it('know a 实名 差评 by its stored contact, keep it after an erasure, and replay as published', async () => {
    const hallId = await t.givenHall({ assessmentStartsOn: '2026-10-01' });
    await t.post(hallId, organisationEvents('2026-10-01T08:00:00+08:00'));
    await t.post(hallId, [
      ...ratedTicket('t1', '12', 1, '13800000000'),
      ...ratedTicket('t2', '13', 2, '13900000000'),
      ...ratedTicket('t3', '14', 2),
      ...ratedTicket('t4', '15', 5),
      { id: 'contact-t1', type: 'BadRatingContactMade', occurredAt: '2026-10-12T15:00:00+08:00', data: { badRatingCaseId: badRatingCaseId('r-t1'), outcome: 'reached' } },
      {
        id: 'done-t3',
        type: 'BadRatingRectificationCompleted',
        occurredAt: '2026-10-20T15:00:00+08:00',
        data: { badRatingCaseId: badRatingCaseId('r-t3'), measures: '增设自助填表指引', feedback: '已告知群众整改结果' },
      },
    ]);
    const expected = {
      badRatingRate: { numerator: 3, denominator: 4, rate: 7500 },
      rectificationRate: { numerator: 1, denominator: 3, rate: 3333 },
      // t1 and t2 left a contact (the store keeps it apart): t1 reached, t2 not yet.
      namedCallbackRate: { numerator: 1, denominator: 2, rate: 5000 },
      activeRatingRate: { numerator: 4, denominator: 4, rate: 10000 },
    };
    const read = async (halls: HallStates) => (await scoreDocument(halls, hallId, '2026-10', { type: 'window', id: 'w1' })).badRatingRates;
    expect(await read(t.halls)).toEqual(expected);
    expect((await scoreDocument(t.halls, hallId, '2026-10', { type: 'staff', id: 's1' })).badRatingRates).toEqual(expected);

    // The citizen's contact is erased: the history keeps its salted reference, so t2 stays 实名.
    expect(await erasePersonalData(t.halls, hallId, 't2-r')).toMatchObject({ ok: true });
    const fresh = new HallStates(t.database.db, t.now);
    expect(await read(fresh)).toEqual(expected);

    expect(await advancePeriod(t.halls, signer, hallId, '2026-10', 'preliminary', 'supervisor')).toMatchObject({ ok: true });
    const published = await scoreDocument(t.halls, hallId, '2026-10', { type: 'window', id: 'w1' });
    expect(published.badRatingRates).toEqual(expected);
    const replay = await replayVersion(new HallStates(t.database.db, t.now), hallId, '2026-10');
    expect(replay.differences).toEqual([]);
  });
});
