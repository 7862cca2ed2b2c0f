import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigner } from './audit/signer.ts';
import { erasePersonalData, readContact } from './personal-data.ts';
import { advancePeriod, restatePeriod } from './publish.ts';
import { checkPeriodExists, checkSpanExists } from './reads.ts';
import { assessmentHarness, type AssessmentHarness } from './testing/given-hall.test-helper.ts';

// Refusals the doors translate (409, 404 at the HTTP edge) come back as values, with nothing written.
let t: AssessmentHarness;
const { signer } = generateSigner();
beforeAll(async () => {
  t = await assessmentHarness({ now: '2026-11-26T04:00:00Z' });
});
afterAll(() => t.close());

describe('period use cases answer refusals as outcomes', () => {
  it('refuses to move a month that has not ended, and to move a final month back', async () => {
    const hallId = await t.givenHall({ assessmentStartsOn: '2026-09-01' });
    const early = await advancePeriod(t.halls, signer, hallId, '2026-11', 'final', 'supervisor');
    expect(early).toMatchObject({ ok: false, error: { code: 'PERIOD_NOT_ENDED' } });
    expect((await t.halls.caughtUp(hallId)).period('2026-11').stage).toBe('open');

    const closed = await advancePeriod(t.halls, signer, hallId, '2026-10', 'final', 'supervisor');
    expect(closed.ok && closed.value.stage).toBe('final');
    const back = await advancePeriod(t.halls, signer, hallId, '2026-10', 'preliminary', 'supervisor');
    expect(back).toMatchObject({ ok: false, error: { code: 'TRANSITION_OUT_OF_ORDER' } });
    expect((await t.halls.caughtUp(hallId)).period('2026-10').versions).toHaveLength(closed.ok ? closed.value.versions.length : -1);
  });

  it('restates final months only', async () => {
    const hallId = await t.givenHall({ assessmentStartsOn: '2026-09-01' });
    expect(await restatePeriod(t.halls, signer, hallId, '2026-10', 'late events')).toMatchObject({ ok: false, error: { code: 'PERIOD_NOT_FINAL' } });
    await advancePeriod(t.halls, signer, hallId, '2026-10', 'final', 'supervisor');
    const restated = await restatePeriod(t.halls, signer, hallId, '2026-10', 'late events');
    expect(restated.ok && restated.value.diff.fromVersion + 1).toBe(restated.ok ? restated.value.version : -1);
  });

  it('knows which months and spans exist for the hall', async () => {
    const state = await t.halls.caughtUp(await t.givenHall({ assessmentStartsOn: '2026-09-01' }));
    expect(checkPeriodExists(state, '2026-08', t.now())).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(checkPeriodExists(state, '2026-12', t.now())).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(checkPeriodExists(state, '2026-11', t.now())).toEqual({ ok: true, value: undefined });
    expect(checkSpanExists(state, '2027', ['2027-01', '2027-12'], t.now())).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(checkSpanExists(state, '2026-Q3', ['2026-07', '2026-08', '2026-09'], t.now()).ok).toBe(true);
  });
});

describe('personal data use cases', () => {
  it('answer HALL_NOT_FOUND for an unknown hall and NOT_FOUND for an event without a contact', async () => {
    expect(await readContact(t.halls, 'no-such-hall', 'e1')).toMatchObject({ ok: false, error: { code: 'HALL_NOT_FOUND' } });
    expect(await erasePersonalData(t.halls, 'no-such-hall', 'e1')).toMatchObject({ ok: false, error: { code: 'HALL_NOT_FOUND' } });
    const hallId = await t.givenHall();
    expect(await readContact(t.halls, hallId, 'e1')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await erasePersonalData(t.halls, hallId, 'e1')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
