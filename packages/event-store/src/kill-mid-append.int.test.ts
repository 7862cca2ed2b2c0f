import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@hall/testing';
import type { TestDatabase } from '@hall/testing';
import { appendEvents } from './append/append-events.ts';
import { getHall } from './halls.ts';
import { readEvents } from './read-events.ts';
import { givenHall, input, ticketCalled } from './test-events.ts';
import { verifyChain } from './verify-chain.ts';

const child = fileURLToPath(new URL('./kill-mid-append.child.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs the child until its output matches `until`, waits `delayMs`, then SIGKILLs its whole process group. */
function runAndKill(url: string, hallId: string, mode: 'hold' | 'loop', until: RegExp, delayMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // npx and tsx each start another process: kill the group, not just npx.
    const proc = spawn('npx', ['tsx', child, url, hallId, mode], { cwd: repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let killing = false;
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!killing && until.test(out)) {
        killing = true;
        setTimeout(() => process.kill(-(proc.pid as number), 'SIGKILL'), delayMs);
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    proc.on('error', reject);
    proc.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(out);
      else reject(new Error(`child exited without being killed: ${out}\n${err}`));
    });
  });
}

const CHILD_APP = 'kill-mid-append-child';

/** The child's URL, naming its connections so the test can wait for the server to be done with them. */
function childUrl(url: string): string {
  const u = new URL(url);
  u.searchParams.set('application_name', CHILD_APP);
  return u.toString();
}

describe('a writer killed in the middle of an append (PostgreSQL)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());

  /**
   * A COMMIT the child sent just before it died still completes on the server:
   * wait until the server has closed the dead child's connections before
   * looking at what was stored.
   */
  async function childConnectionsGone(): Promise<void> {
    for (let i = 0; i < 200; i += 1) {
      const { rows } = await sql<{ n: string }>`select count(*) as n from pg_stat_activity where application_name = ${CHILD_APP}`.execute(t.db);
      if (Number(rows[0]?.n ?? 0) === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the killed child\'s connections never closed');
  }

  async function expectWholeBatchesOnly(hallId: string, batchSize: number): Promise<number> {
    await childConnectionsGone();
    const hall = await getHall(t.db, hallId);
    const stored = (hall?.headPosition ?? 0) - 6;
    expect(stored % batchSize).toBe(0);
    const events = await readEvents(t.db, hallId, { after: 0, limit: 100_000 });
    expect(events.length).toBe(hall?.headPosition);
    expect(await verifyChain(t.db, hallId)).toMatchObject({ ok: true, eventsChecked: hall?.headPosition });
    // The dead writer's lock is gone: the next append goes through, right after the head.
    const next = await appendEvents(t.db, input(hallId, [ticketCalled()]));
    expect(next).toMatchObject({ ok: true, results: [{ status: 'appended', position: (hall?.headPosition ?? 0) + 1 }] });
    return stored;
  }

  it('stores none of a batch whose transaction had not committed', async () => {
    const hallId = await givenHall(t.db);
    const out = await runAndKill(childUrl(t.url), hallId, 'hold', /holding true/, 0);
    expect(out).toContain('holding true');
    expect(await expectWholeBatchesOnly(hallId, 1000)).toBe(0);
  });

  it('stores whole batches only when killed at an arbitrary moment', async () => {
    const hallId = await givenHall(t.db);
    await runAndKill(childUrl(t.url), hallId, 'loop', /batch 1\n/, 5 + Math.floor(Math.random() * 40));
    expect(await expectWholeBatchesOnly(hallId, 500)).toBeGreaterThanOrEqual(1000);
  });
});
