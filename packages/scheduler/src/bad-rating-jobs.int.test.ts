import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationEvents, testRedisUrl } from '@hall/testing';
import { readEvents } from '@hall/event-store';
import { appendDueBadRatingEvents, badRatingLoopStart, generateSigner, publishCatalogue } from '@hall/assessment';
import { assessmentHarness, type AssessmentHarness } from '@hall/assessment/testing';
import { periodJobs } from './period-jobs.ts';
import { withBadRatingLoop } from './bad-rating-jobs.ts';
import { startBullmqScheduler } from './bullmq-scheduler.ts';
import type { Scheduler } from './scheduler.ts';

let t: AssessmentHarness;
let hallId: string;
const { signer } = generateSigner();
const queueName = `test-${randomUUID()}`;
const redisUrl = testRedisUrl();
const log = pino({ level: 'silent' });
const MARKS = new Set(['BadRatingCaseWarned', 'BadRatingCaseOverdue']);

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 300; i += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const history = () => readEvents(t.database.db, hallId, { after: 0, limit: 10_000 });
const start = () => startBullmqScheduler({ redisUrl, jobs: withBadRatingLoop(periodJobs(t.halls, signer), t.halls), everyMs: 200, log, queueName, clock: t.now });

function ratedTicket(ratingId: string, windowId: string, staffId: string, at: (time: string) => string, rating?: { level: number; contact?: string }) {
  const ticketId = `t-${ratingId}`;
  return [
    { id: `${ticketId}-i`, type: 'TicketIssued', occurredAt: at('09:00:00'), data: { ticketId, number: ticketId, serviceItemId: 'item1' } },
    { id: `${ticketId}-c`, type: 'TicketCalled', occurredAt: at('09:01:00'), data: { ticketId, windowId, staffId } },
    { id: `${ticketId}-s`, type: 'ServiceStarted', occurredAt: at('09:02:00'), data: { ticketId, windowId, staffId } },
    { id: `${ticketId}-d`, type: 'ServiceCompleted', occurredAt: at('09:10:00'), data: { ticketId, windowId, staffId, outcome: 'completed' } },
    ...(rating ? [{ id: ratingId, type: 'RatingSubmitted', occurredAt: at('10:00:00'), data: { ratingId, channel: 'qr', windowId, staffId, ticketId, ...rating } }] : []),
  ];
}
const on = (day: string) => (time: string) => `2026-11-${day}T${time}+08:00`;

beforeAll(async () => {
  t = await assessmentHarness({ now: '2026-11-01T10:00:00+08:00' });
  hallId = await t.givenHall({ assessmentStartsOn: '2026-11-01' });
  await t.post(hallId, organisationEvents('2026-11-01T08:00:00+08:00'));
  // A ticket completed before the loop was switched on, never rated.
  await t.post(hallId, ratedTicket('old', 'w3', 's3', on('01')));
  // Rectification in 2 working days, so that three days cover both steps' deadlines.
  const current = (await t.halls.caughtUp(hallId)).catalogueList()[0]!;
  await publishCatalogue(t.halls, hallId, { effectiveFrom: '2026-11-01', rules: current.rules, settings: { badRatingRectificationWorkingDays: 2 } });
});
afterAll(async () => {
  const queue = new Queue(queueName, { connection: { url: redisUrl } });
  await queue.obliterate({ force: true });
  await queue.close();
  await t.close();
});

describe('the bad-rating loop on the BullMQ schedule', () => {
  it('after three days down, one run appends each missed warning and overdue mark once, dated when due', async () => {
    // Switched on on Sunday 1 November, 18:00 local (the first run would fix the same instant).
    t.setNow('2026-11-01T18:00:00+08:00');
    await badRatingLoopStart(t.database.db, hallId, t.now());
    let scheduler: Scheduler = await start();
    // Monday 2 November: a named 差评 at w1 and an anonymous one at w2; the service goes down at noon.
    t.setNow('2026-11-02T12:00:00+08:00');
    await t.post(hallId, [...ratedTicket('r1', 'w1', 's1', on('02'), { level: 1, contact: '13800000001' }), ...ratedTicket('r2', 'w2', 's2', on('02'), { level: 2 })]);
    await scheduler.close();
    expect((await history()).filter((e) => MARKS.has(e.type))).toEqual([]);

    // Back on Thursday noon: the call-back (end of Tuesday) and the rectifications (end of Wednesday) passed meanwhile.
    t.setNow('2026-11-05T12:00:00+08:00');
    scheduler = await start();
    const marks = await waitFor(async () => {
      const found = (await history()).filter((e) => MARKS.has(e.type));
      return found.length >= 6 ? found : undefined;
    }, 'the missed marks');
    // More runs append nothing more.
    await new Promise((r) => setTimeout(r, 1000));
    await scheduler.close();
    const after = (await history()).filter((e) => MARKS.has(e.type));
    expect(after.map((e) => e.id)).toEqual(marks.map((e) => e.id));
    expect(new Set(after.map((e) => e.id)).size).toBe(6);
    const summary = after.map((e) => `${e.type} ${(e.data as { step: string }).step} ${(e.data as { windowId: string }).windowId} due ${(e.data as { dueAt: string }).dueAt}`).sort();
    expect(summary).toEqual([
      'BadRatingCaseOverdue contact w1 due 2026-11-03T16:00:00.000Z',
      'BadRatingCaseOverdue rectification w1 due 2026-11-04T16:00:00.000Z',
      'BadRatingCaseOverdue rectification w2 due 2026-11-04T16:00:00.000Z',
      'BadRatingCaseWarned contact w1 due 2026-11-03T16:00:00.000Z',
      'BadRatingCaseWarned rectification w1 due 2026-11-04T16:00:00.000Z',
      'BadRatingCaseWarned rectification w2 due 2026-11-04T16:00:00.000Z',
    ]);
    // Dated when they fell due, not when the run caught up.
    for (const e of after) expect(Date.parse(e.occurredAt)).toBeLessThanOrEqual(Date.parse('2026-11-05T00:00:00+08:00'));
    expect(await appendDueBadRatingEvents(t.halls, hallId, t.now())).toMatchObject({ warnings: 0, overdue: 0, defaults: 0 });
  });

  it('defaults the ratings of tickets completed since the loop was switched on, not before', async () => {
    t.setNow('2026-11-03T12:00:00+08:00');
    await t.post(hallId, ratedTicket('new', 'w3', 's3', on('03')));
    // Seven days after both completions.
    t.setNow('2026-11-12T12:00:00+08:00');
    expect(await appendDueBadRatingEvents(t.halls, hallId, t.now())).toMatchObject({ defaults: 1 });
    const defaults = (await history()).filter((e) => e.type === 'RatingDefaulted');
    expect(defaults.map((e) => (e.data as { ticketId: string }).ticketId)).toEqual(['t-new']);
    expect(await appendDueBadRatingEvents(t.halls, hallId, t.now())).toMatchObject({ warnings: 0, overdue: 0, defaults: 0 });
  });
});
