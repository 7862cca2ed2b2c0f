import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationEvents, testRedisUrl } from '@hall/testing';
import { dueEvents, foldBadRatingCases } from '@hall/scoring';
import { appendServiceEvents, dispatchHall, HallStates, listDeliveries, putWebhook, retryDelivery, type WebhookPayload } from '@hall/assessment';
import { assessmentHarness, type AssessmentHarness } from '@hall/assessment/testing';
import type { Scheduler } from '../scheduler.ts';
import { httpSender } from './http-sender.ts';
import { startBullmqWebhooks } from './bullmq-webhooks.ts';
import { startInProcessWebhooks } from './in-process-webhooks.ts';
import { webhookJobs } from './webhook-jobs.ts';
import { startReceiver, waitFor, type Receiver } from './receiver.test-helper.ts';

let t: AssessmentHarness;
/** A second service instance: its own in-memory states over the same database. */
let second: HallStates;
const schedulers: Scheduler[] = [];
const receivers: Receiver[] = [];
const queueName = `test-webhooks-${randomUUID()}`;
const log = pino({ level: 'silent' });
const fast = { maxAttempts: 5, backoffMs: 50 };
/** The service's clock running on from the harness's "now", so backoffs pass and signatures are fresh by the same clock. */
let offsetMs = 0;
const clock = () => new Date(Date.now() + offsetMs);

beforeAll(async () => {
  t = await assessmentHarness({ now: '2026-12-20T04:00:00Z' });
  second = new HallStates(t.database.db, t.now);
  offsetMs = t.now().getTime() - Date.now();
});
afterAll(async () => {
  for (const s of schedulers) await s.close();
  for (const r of receivers) await r.close();
  const queue = new Queue(queueName, { connection: { url: testRedisUrl() } });
  await queue.obliterate({ force: true });
  await queue.close();
  await t.close();
});

/** A ticket served at w1 by s1 on 25 November and rated `level` (with contact data when named). */
function ratedTicket(id: string, level: number, hour: number, named = false) {
  const at = (time: string) => `2026-11-25T${String(hour).padStart(2, '0')}${time.slice(2)}+08:00`;
  const serve = { ticketId: id, windowId: 'w1', staffId: 's1' };
  return [
    { id: `${id}-issued`, type: 'TicketIssued', occurredAt: at('09:00:00'), data: { ticketId: id, number: id, serviceItemId: 'item1' } },
    { id: `${id}-called`, type: 'TicketCalled', occurredAt: at('09:01:00'), data: serve },
    { id: `${id}-started`, type: 'ServiceStarted', occurredAt: at('09:02:00'), data: serve },
    { id: `${id}-completed`, type: 'ServiceCompleted', occurredAt: at('09:10:00'), data: { ...serve, outcome: 'completed' } },
    {
      id: `${id}-rated`,
      type: 'RatingSubmitted',
      occurredAt: at('09:50:00'),
      data: { ratingId: `r-${id}`, level, channel: 'kiosk', windowId: 'w1', staffId: 's1', ticketId: id, ...(named ? { contact: '13800000000' } : {}) },
    },
  ];
}

/** A hall with a webhook to `receiver`, two 差评 (one 实名) and a good rating, and every warning and overdue mark the scheduler would append by 20 December. */
async function givenHallWithCases(receiver: Receiver): Promise<{ hallId: string; expected: number }> {
  const hallId = await t.givenHall({ assessmentStartsOn: '2026-09-01' });
  await t.post(hallId, organisationEvents());
  const put = await putWebhook(t.database.db, hallId, 'case-desk', { url: receiver.url, events: ['case_opened', 'case_due_soon', 'case_overdue'] }, t.now());
  if (!put.created) throw new Error('webhook not created');
  receiver.setSecret(put.webhook.secret);
  await t.post(hallId, [...ratedTicket('a', 1, 9), ...ratedTicket('b', 5, 11), ...ratedTicket('c', 2, 13, true)]);
  // What H2's scheduler job appends: the pure core's due marks, through the service-event path.
  const state = await t.halls.caughtUp(hallId);
  const marks = dueEvents(state.model, foldBadRatingCases(state.model, { namedRatings: new Set([`c-rated`]) }), t.now().getTime()).filter((e) => e.type !== 'RatingDefaulted');
  await appendServiceEvents(t.halls, hallId, marks);
  // Two cases opened; a warning and an overdue mark per step: rectification for both, call-back for the 实名 one.
  expect(marks).toHaveLength(6);
  return { hallId, expected: 8 };
}

async function allSettled(hallId: string, expected: number) {
  return waitFor(async () => {
    const log = await listDeliveries(t.database.db, hallId, 'case-desk', { limit: 100 });
    if (!log.ok) throw new Error(log.error.message);
    return log.value.length === expected && log.value.every((d) => d.status !== 'pending') ? log.value : undefined;
  }, 'every delivery to settle');
}

function expectEachOnceSigned(receiver: Receiver, expected: number) {
  expect(receiver.badSignatures).toBe(0);
  expect(receiver.accepted.size).toBe(expected);
  for (const [id, bodies] of receiver.accepted) {
    expect(bodies).toHaveLength(1);
    expect((JSON.parse(bodies[0]!) as WebhookPayload).deliveryId).toBe(id);
    expect(receiver.requests.get(id)).toBe(3);
  }
}

describe('webhook deliveries', () => {
  it('on BullMQ, two instances at once: a receiver failing twice then succeeding gets each notification once, signed', async () => {
    const receiver = await startReceiver({ failFirst: 2, clock });
    receivers.push(receiver);
    const { hallId, expected } = await givenHallWithCases(receiver);
    for (const halls of [t.halls, second]) {
      schedulers.push(await startBullmqWebhooks({ redisUrl: testRedisUrl(), jobs: webhookJobs(halls, httpSender(5000), fast), everyMs: 100, log, queueName, clock: clock }));
    }
    const deliveries = await allSettled(hallId, expected);
    expect(deliveries.every((d) => d.status === 'delivered' && d.attempts === 3 && d.responseCode === 204)).toBe(true);
    expect(deliveries.map((d) => d.type).sort()).toEqual(['case_due_soon', 'case_due_soon', 'case_due_soon', 'case_opened', 'case_opened', 'case_overdue', 'case_overdue', 'case_overdue']);
    expectEachOnceSigned(receiver, expected);
    // The 实名 差评's call-back marks say so, though its rating lies on an earlier page than the marks.
    const contactMarks = [...receiver.accepted.values()].map((b) => JSON.parse(b[0]!) as WebhookPayload).filter((p) => p.step === 'contact');
    expect(contactMarks).toHaveLength(2);
    for (const p of contactMarks) expect(p.case).toMatchObject({ ratingEventId: 'c-rated', named: true, contactDueAt: p.dueAt });
    // A second dispatcher run over the same history inserts nothing, and more scans send nothing new.
    expect((await dispatchHall(second, hallId)).inserted).toEqual([]);
    await new Promise((r) => setTimeout(r, 1000));
    expectEachOnceSigned(receiver, expected);
    for (const s of schedulers.splice(0)) await s.close();
  });

  it('in-process, two instances at once: the same, and a failed delivery is kept and re-sendable', async () => {
    const receiver = await startReceiver({ failFirst: 2, clock });
    receivers.push(receiver);
    const { hallId, expected } = await givenHallWithCases(receiver);
    for (const halls of [t.halls, second]) {
      schedulers.push(startInProcessWebhooks({ jobs: webhookJobs(halls, httpSender(5000), fast), everyMs: 50, log, clock: clock }));
    }
    const deliveries = await allSettled(hallId, expected);
    expect(deliveries.every((d) => d.status === 'delivered' && d.attempts === 3)).toBe(true);
    expectEachOnceSigned(receiver, expected);

    for (const s of schedulers.splice(0)) await s.close();
    // A receiver that is down for longer than the budget: the delivery ends `failed`, kept in the log; a re-send delivers it.
    const down = await startReceiver({ failFirst: 3, clock });
    receivers.push(down);
    const other = await t.givenHall({ assessmentStartsOn: '2026-09-01' });
    await t.post(other, organisationEvents());
    const put = await putWebhook(t.database.db, other, 'case-desk', { url: down.url, events: ['case_opened'] }, t.now());
    if (!put.created) throw new Error('webhook not created');
    down.setSecret(put.webhook.secret);
    await t.post(other, ratedTicket('d', 1, 9));
    schedulers.push(startInProcessWebhooks({ jobs: webhookJobs(t.halls, httpSender(5000), { maxAttempts: 2, backoffMs: 20 }), everyMs: 50, log, clock: clock }));
    const [failed] = await allSettled(other, 1);
    expect(failed).toMatchObject({ status: 'failed', attempts: 2, responseCode: 500, lastError: 'HTTP 500' });
    const again = await retryDelivery(t.database.db, other, 'case-desk', failed!.deliveryId, clock());
    expect(again.ok && again.value.status).toBe('pending');
    const [delivered] = await allSettled(other, 1);
    expect(delivered).toMatchObject({ status: 'delivered', attempts: 4, responseCode: 204 });
    expect(down.accepted.get(failed!.deliveryId)).toHaveLength(1);
  });
});
