import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '@hall/event-store';
import { createHall, createTestApp, type HallFixture, type TestApp } from '../testing/test-app.ts';
import { organisationEvents } from '@hall/testing';
import { advanceDuePeriods, auditDb, viewDb } from '@hall/assessment';

const child = fileURLToPath(new URL('./kill-mid-close.child.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const CHILD_APP = 'kill-mid-close-child';
const CLOSE_AT = '2026-12-06T00:00:00+08:00';

let t: TestApp;
let hall: HallFixture;

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 600; i += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

function startChild(url: string): ChildProcess {
  const u = new URL(url);
  u.searchParams.set('application_name', CHILD_APP);
  // npx and tsx each start another process: the test kills the whole group.
  return spawn('npx', ['tsx', child, u.toString(), hall.hallId, CLOSE_AT], { cwd: repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function childSessions(where: 'any' | 'waiting-on-lock'): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from pg_stat_activity
    where application_name = ${CHILD_APP} and (${where} = 'any' or (wait_event_type = 'Lock' and xact_start is not null))`.execute(t.database.db);
  return Number(rows[0]?.n ?? 0);
}

async function publishedState() {
  const versions = await viewDb(t.database.db).selectFrom('period_versions').select(['period', 'version', 'scores_hash']).where('hall_id', '=', hall.hallId).orderBy('period').orderBy('version').execute();
  const checkpoints = await auditDb(t.database.db).selectFrom('audit_checkpoints').selectAll().where('hall_id', '=', hall.hallId).execute();
  const history = await hall.supervisor.get(`/v1/halls/${hall.hallId}/events?after=0&limit=1000`);
  const moves = history.data.events.filter((e: { type: string }) => e.type === 'PeriodAdvanced');
  return { versions, checkpoints, moves };
}

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-26T04:00:00Z' });
  hall = await createHall(t, { assessmentStartsOn: '2026-09-01', autoAdvance: true });
  await hall.post(organisationEvents());
  await hall.post(
    ['2026-09-15', '2026-10-15'].map((day, i) => ({
      id: `r-${i}`,
      type: 'RatingSubmitted',
      occurredAt: `${day}T10:00:00+08:00`,
      data: { ratingId: `r-${i}`, level: 2, channel: 'kiosk', windowId: 'w1' },
    })),
  );
});
afterAll(() => t?.close());

describe('a service SIGKILLed in the middle of a month close', () => {
  it('leaves the month not closed at all, and the next run closes it with complete versions', async () => {
    // Hold back the checkpoint insert, the last write of a final publication: the child's close
    // then waits inside its transaction, after its version rows and events, until it is killed.
    const blocker = new pg.Client({ connectionString: t.database.url });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query('lock table audit_checkpoints in share mode');
    const proc = startChild(t.database.url);
    let output = '';
    proc.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on('exit', (_code, signal) => resolve(signal)));
    await until(async () => ((await childSessions('waiting-on-lock')) > 0 ? true : undefined), `the child's close to reach the checkpoint (${output})`);
    process.kill(-(proc.pid as number), 'SIGKILL');
    expect(await exited).toBe('SIGKILL');
    await blocker.query('rollback');
    await blocker.end();
    // The server aborts the dead child's transaction when it notices the closed connection.
    await until(async () => ((await childSessions('any')) === 0 ? true : undefined), "the killed child's connections to close");
    expect(output).not.toContain('closed');

    const half = await publishedState();
    expect(half).toEqual({ versions: [], checkpoints: [], moves: [] });
    const september = await hall.supervisor.get(`/v1/halls/${hall.hallId}/periods/2026-09`);
    expect(september.data.stage).toBe('open');
    expect(await verifyChain(t.database.db, hall.hallId)).toMatchObject({ ok: true });

    // The next scheduled run (a restarted service) closes both months, each with whole versions.
    const restarted = await t.restart();
    const report = await advanceDuePeriods(restarted.assessment, restarted.signer, hall.hallId, new Date(CLOSE_AT));
    expect(report.moved.filter((m) => m.to === 'final').map((m) => m.period)).toEqual(['2026-09', '2026-10']);
    const closed = await publishedState();
    expect(closed.versions.map((v) => `${v.period}/${v.version}`)).toEqual(['2026-09/1', '2026-09/2', '2026-10/1', '2026-10/2']);
    for (const v of closed.versions) {
      const move = closed.moves.find((e: { data: { period: string; version: number } }) => e.data.period === v.period && e.data.version === v.version);
      expect(move?.data.scoresHash).toBe(v.scores_hash);
    }
    expect(closed.checkpoints).toHaveLength(2);
    expect(await verifyChain(t.database.db, hall.hallId)).toMatchObject({ ok: true });
    await restarted.app.close();
  });
});
