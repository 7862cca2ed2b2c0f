import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { progressOf } from '@hall/projections';
import { organisationEvents, startTcpProxy } from '@hall/testing';
import { PROJECTION } from './projection.ts';
import { HallStates } from './hall-states.ts';
import { publishCatalogue } from './rules.ts';
import { DueJobFailed, ProjectorThread } from './projector-thread.ts';
import { advanceDuePeriods } from './advance-due.ts';
import { appendDueBadRatingEvents } from './bad-rating-due.ts';
import { generateSigner } from './audit/signer.ts';
import { readEvents } from '@hall/event-store';
import { viewDb } from './view-tables.ts';
import { assessmentHarness, expectViewsOfPureScorer, type AssessmentHarness } from './testing/given-hall.test-helper.ts';

let t: AssessmentHarness;
let thread: ProjectorThread;
const { signer, privateKeyPem } = generateSigner();
beforeAll(async () => {
  t = await assessmentHarness({ now: '2026-11-26T04:00:00Z' });
  thread = new ProjectorThread({
    entry: new URL('./testing/projector-thread.entry.ts', import.meta.url),
    databaseUrl: t.database.url,
    logLevel: 'silent',
    log: pino({ level: 'silent' }),
    restartMs: 50,
    signingKey: privateKeyPem,
  });
  // As server.ts does with PostgreSQL: this process's runner leaves the background batches to the thread.
  t.halls.startWith(thread);
});
afterAll(async () => {
  await thread.close();
  t.halls.stop();
  await t.close();
});

const finding = (id: string, windowId: string) => ({
  id,
  type: 'InspectionRecorded',
  occurredAt: '2026-11-12T10:00:00+08:00',
  data: { inspectionId: id, inspectorId: 'i', findings: [{ ruleCode: 'HYG_NOT_CLEAN', windowId, count: 1 }] },
});

/** Polls until the views reach the head the hall has now (the test's timeout bounds it; no timing is asserted). */
async function caughtUp(hallId: string): Promise<number> {
  for (;;) {
    const progress = await progressOf(t.database.db, hallId, PROJECTION.name);
    if (progress && progress.checkpoint >= progress.head) return progress.checkpoint;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function scoreRows(hallId: string): Promise<number> {
  const rows = await viewDb(t.database.db).selectFrom('score_views').select('subject_id').where('hall_id', '=', hallId).execute();
  return rows.length;
}

describe('the projector thread (decision 1861)', () => {
  it('projects what this thread appends, woken by its appends', async () => {
    const hallId = await t.givenHall({ assessmentStartsOn: '2026-11-01' });
    await t.post(hallId, organisationEvents('2026-11-01T08:00:00+08:00'));
    await t.post(hallId, [finding('f1', 'w1')]);
    const head = (await progressOf(t.database.db, hallId, PROJECTION.name))!.head;
    expect(await caughtUp(hallId)).toBe(head);
    expect(await scoreRows(hallId)).toBeGreaterThan(0);
    // This thread's runner wrote nothing: it holds no state of the hall.
    expect(t.halls.loadedState(hallId)).toBeUndefined();
  });

  it('tells this thread of catalogues another process published, without this thread loading the hall', async () => {
    const hallId = await t.givenHall({ assessmentStartsOn: '2026-11-01' });
    await t.post(hallId, organisationEvents('2026-11-01T08:00:00+08:00'));
    const before = await t.halls.catalogues(hallId);
    expect(before.map((c) => c.version)).toEqual([1]);
    // Another process publishes version 2; this process's next append wakes the thread, which sees it.
    const other = new HallStates(t.database.db, t.now);
    other.backgroundCatchUp = false;
    await publishCatalogue(other, hallId, { effectiveFrom: '2026-12-01', rules: before[0]!.rules, settings: { badRatingRectificationWorkingDays: 2 } });
    await t.post(hallId, [finding('f3', 'w3')]);
    await caughtUp(hallId);
    for (;;) {
      if ((await t.halls.catalogues(hallId)).some((c) => c.version === 2)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(t.halls.loadedState(hallId)).toBeUndefined();
  });

  it('runs the scheduled jobs on the thread: the request thread neither folds the hall nor keeps a copy of it (1911)', async () => {
    const hallId = await t.givenHall({ assessmentStartsOn: '2026-10-01', autoAdvance: true });
    await t.post(hallId, [...organisationEvents('2026-10-01T08:00:00+08:00'), { ...finding('f-oct', 'w1'), occurredAt: '2026-10-12T10:00:00+08:00' }]);
    const now = new Date('2026-12-20T04:00:00Z');
    const marks = await appendDueBadRatingEvents(t.halls, hallId, now);
    expect(marks).toEqual({ hallId, warnings: 0, overdue: 0, defaults: 0 });
    const report = await advanceDuePeriods(t.halls, signer, hallId, now);
    expect(report.moved.map((m) => m.period)).toContain('2026-10');
    // Each move is in the history, up to the stage the report names (a move goes through every stage before it).
    const moves = (await readEvents(t.database.db, hallId, { after: 0, limit: 1000 })).filter((e) => e.type === 'PeriodAdvanced');
    for (const moved of report.moved) expect(moves.some((e) => e.data.period === moved.period && e.data.to === moved.to)).toBe(true);
    expect(t.halls.loadedState(hallId)).toBeUndefined();
    // Run again: nothing more is due.
    expect((await advanceDuePeriods(t.halls, signer, hallId, now)).moved).toEqual([]);
  });

  it('answers a job that fails in the thread (no signing key) with its reason, and the thread lives on', async () => {
    const keyless = new ProjectorThread({ entry: new URL('./testing/projector-thread.entry.ts', import.meta.url), databaseUrl: t.database.url, logLevel: 'silent', log: pino({ level: 'silent' }) });
    const halls = new HallStates(t.database.db, t.now);
    halls.startWith(keyless);
    try {
      const hallId = await t.givenHall({ assessmentStartsOn: '2026-10-01', autoAdvance: true });
      const failed = await advanceDuePeriods(halls, signer, hallId, new Date('2026-12-20T04:00:00Z')).catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(DueJobFailed);
      expect((failed as Error).message).toMatch(/SIGNING_KEY/);
      expect(await appendDueBadRatingEvents(halls, hallId, new Date())).toEqual({ hallId, warnings: 0, overdue: 0, defaults: 0 });
      expect(keyless.restarts).toBe(0);
    } finally {
      halls.stop();
      await keyless.close();
    }
  });

  it('refuses a scheduled job while its thread is down; the schedule runs it next time', async () => {
    const hallId = await t.givenHall({ assessmentStartsOn: '2026-11-01' });
    const restarts = thread.restarts;
    await thread.crashForTest();
    await expect(appendDueBadRatingEvents(t.halls, hallId, new Date())).rejects.toBeInstanceOf(DueJobFailed);
    while (thread.restarts === restarts) await new Promise((resolve) => setTimeout(resolve, 20));
    for (;;) {
      // Started again: the job runs (a thread still booting answers once it is up).
      const answer = await appendDueBadRatingEvents(t.halls, hallId, new Date()).catch((error: unknown) => error);
      if (!(answer instanceof DueJobFailed)) {
        expect(answer).toEqual({ hallId, warnings: 0, overdue: 0, defaults: 0 });
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it('sends one wake-up per batch of a burst of appends, and projects every one of them (1891)', async () => {
    const hallId = await t.givenHall({ assessmentStartsOn: '2026-11-01' });
    await t.post(hallId, organisationEvents('2026-11-01T08:00:00+08:00'));
    const before = { sent: thread.wakeUps.sent, heldBack: thread.wakeUps.heldBack };
    // Twenty appends at once, then ten one after another: far more appends than the thread's batches.
    await Promise.all(Array.from({ length: 20 }, (_, i) => t.post(hallId, [finding(`burst-${i}`, 'w1')])));
    for (let i = 0; i < 10; i += 1) await t.post(hallId, [finding(`after-${i}`, 'w2')]);
    const head = (await progressOf(t.database.db, hallId, PROJECTION.name))!.head;
    expect(await caughtUp(hallId)).toBe(head);
    const heldBack = thread.wakeUps.heldBack - before.heldBack;
    expect(heldBack).toBeGreaterThan(0);
    // Every append either sent a wake-up or was held back behind one on its way.
    expect(thread.wakeUps.sent - before.sent + heldBack).toBeGreaterThanOrEqual(30);
  });

  it('is handed the large appends it projects, and its views equal the pure scorer over the store (1931)', async () => {
    const hallId = await t.givenHall({ assessmentStartsOn: '2026-11-01' });
    await t.post(hallId, organisationEvents('2026-11-01T08:00:00+08:00'));
    const before = thread.handedOff;
    const tickets = (from: number, n: number) =>
      Array.from({ length: n }, (_, k) => {
        const i = from + k;
        const at = `2026-11-${String((i % 20) + 1).padStart(2, '0')}T10:00:00+08:00`;
        return i % 2 === 0
          ? { id: `t${i}`, type: 'TicketIssued', occurredAt: at, data: { ticketId: `t${i}`, number: `A${i}`, serviceItemId: 'item1' } }
          : { id: `r${i}`, type: 'RatingSubmitted', occurredAt: at, data: { ratingId: `r${i}`, level: (i % 5) + 1, channel: 'web', windowId: 'w1', ticketId: `t${i - 1}` } };
      });
    // Two large batches (handed over) around small ones (read from the store): the fold mixes both.
    await t.post(hallId, tickets(0, 150));
    await t.post(hallId, [finding('handed-f1', 'w1')]);
    await t.post(hallId, tickets(150, 120));
    await t.post(hallId, tickets(270, 3));
    expect(thread.handedOff - before).toBe(2);
    const head = (await progressOf(t.database.db, hallId, PROJECTION.name))!.head;
    expect(await caughtUp(hallId)).toBe(head);
    await expectViewsOfPureScorer(t.database.db, hallId, '2026-11');
  });

  it('is started again after a crash, and the new thread catches up on what was appended meanwhile', async () => {
    const hallId = await t.givenHall({ assessmentStartsOn: '2026-11-01' });
    await t.post(hallId, organisationEvents('2026-11-01T08:00:00+08:00'));
    await caughtUp(hallId);
    await thread.crashForTest();
    const restartsBefore = thread.restarts;
    // Appended while no thread runs: the wake-up is lost, the new thread's sweep finds the hall.
    await t.post(hallId, [finding('f2', 'w2')]);
    const head = (await progressOf(t.database.db, hallId, PROJECTION.name))!.head;
    expect(await caughtUp(hallId)).toBe(head);
    expect(thread.restarts).toBe(restartsBefore + 1);
  });

  it('survives its connections being reset, and catches up once the database is back', async () => {
    const target = new URL(t.database.url);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const cutOff = new ProjectorThread({
      entry: new URL('./testing/projector-thread.entry.ts', import.meta.url),
      databaseUrl: proxy.urlFor(t.database.url),
      logLevel: 'silent',
      log: pino({ level: 'silent' }),
      restartMs: 50,
    });
    try {
      // Only the thread behind the proxy projects from here on (this is the file's last test).
      await thread.close();
      const hallId = await t.givenHall({ assessmentStartsOn: '2026-11-01' });
      await t.post(hallId, organisationEvents('2026-11-01T08:00:00+08:00'));
      cutOff.kick(hallId, 0);
      await caughtUp(hallId);
      proxy.cut();
      // Appended (on the direct connection) while the thread cannot reach the database: its sweep and
      // wake-ups fail for a while (more than one sweep), and the views stay behind meanwhile.
      await t.post(hallId, [finding('f4', 'w1')]);
      cutOff.kick(hallId, 0);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const during = (await progressOf(t.database.db, hallId, PROJECTION.name))!;
      expect(during.checkpoint).toBeLessThan(during.head);
      proxy.restore();
      expect(await caughtUp(hallId)).toBe(during.head);
      // The same thread: the resets were handled, not fatal.
      expect(cutOff.restarts).toBe(0);
    } finally {
      await cutOff.close();
      await proxy.close();
    }
  });
});
