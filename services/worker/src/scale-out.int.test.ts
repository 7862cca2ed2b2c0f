import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildViews } from '@hall/assessment';
import { createTestDatabase, organisationEvents, testRedisUrl, type TestDatabase } from '@hall/testing';

// Two API processes and two workers on one PostgreSQL and Redis
// (docs/decisions/1421–1423): ownership of each hall's projection is on the
// database, so any of them may project, and a killed one is replaced.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const ADMIN = 'scale-out-admin-token-0123456789';
const queueName = `test-${randomUUID()}`;
const SIGNING_KEY = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
let database: TestDatabase;
let dataDir: string;
interface Started {
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
}
const children: Started[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'hall-scale-out-'));
});
afterAll(async () => {
  for (const c of children) c.child.kill('SIGKILL');
  const queue = new Queue(queueName, { connection: { url: testRedisUrl() } });
  await queue.obliterate({ force: true });
  await queue.close();
  await database.drop();
  await rm(dataDir, { recursive: true, force: true });
});

function start(entry: string, args: string[], env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      SCHEDULER_QUEUE: queueName,
      // The schedule stays out of the way: this test moves the month itself.
      SCHEDULER_INTERVAL_SECONDS: '3600',
      SIGNING_KEY,
      ADMIN_TOKEN: ADMIN,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = { child, exited, output: () => output };
  children.push(started);
  return started;
}

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  // Generous: four tsx processes starting on a shared, loaded machine; this waits, it does not time anything.
  for (let i = 0; i < 2400; i += 1) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

function monthsAgo(n: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1)).toISOString().slice(0, 10);
}

const finding = (id: string, windowId: string, occurredAt: string) => ({
  id,
  type: 'InspectionRecorded',
  occurredAt,
  data: { inspectionId: id, inspectorId: 'i', findings: [{ ruleCode: 'HYG_NOT_CLEAN', windowId, count: 1 }] },
});

describe('two API processes and two workers on one database', () => {
  it('converge on the rebuild, never read backwards, survive a killed worker, publish each version once and share the key', async () => {
    const ports = [0, 1].map(() => 4300 + Math.floor(Math.random() * 1500));
    if (ports[0] === ports[1]) ports[1]! += 1;
    const apis = ports.map((port, i) => start('services/api/src/server.ts', ['--api-only'], { PORT: String(port), DATA_DIR: join(dataDir, `api${i}`) }));
    const bases = ports.map((port) => `http://127.0.0.1:${port}`);
    const workers = [0, 1].map((i) => start('services/worker/src/main.ts', [], { DATA_DIR: join(dataDir, `worker${i}`), LOG_LEVEL: 'info' }));
    for (const base of bases) await until(async () => ((await fetch(`${base}/health/ready`)).status === 200 ? true : undefined), `${base} to be ready`);
    for (const w of workers) await until(async () => (w.output().includes('worker started') ? true : undefined), 'a worker to start');

    const call = async (base: string, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, text: await res.text(), asOf: res.headers.get('as-of-position') };
    };

    const hallId = 'h-scale-out';
    const startsOn = monthsAgo(1);
    const previous = startsOn.slice(0, 7);
    const current = monthsAgo(0).slice(0, 7);
    expect((await call(bases[0]!, 'POST', '/v1/halls', { id: hallId, name: 'Hall', assessmentStartsOn: startsOn, autoAdvance: false })).status).toBe(201);
    expect((await call(bases[1]!, 'POST', `/v1/halls/${hallId}/events`, { events: organisationEvents(`${startsOn}T08:00:00+08:00`) })).status).toBe(200);

    // Ingest through both APIs at once while a reader polls both; one worker is killed midway.
    const positions: number[] = [];
    let ingesting = true;
    const reader = (async () => {
      for (let i = 0; ingesting; i += 1) {
        const res = await call(bases[i % 2]!, 'GET', `/v1/halls/${hallId}/periods/${i % 3 === 0 ? previous : current}/rankings`);
        expect(res.status).toBe(200);
        positions.push(Number(res.asOf));
      }
    })();
    const windows = ['w1', 'w2', 'w3'];
    const batches = Array.from({ length: 30 }, (_, b) =>
      Array.from({ length: 5 }, (_, e) => finding(`f-${b}-${e}`, windows[(b + e) % 3]!, `${b % 2 === 0 ? previous : current}-0${1 + (e % 9)}T10:00:00+08:00`)),
    );
    await Promise.all(
      [0, 1].map(async (lane) => {
        for (let b = lane; b < batches.length; b += 2) {
          if (b === 14) workers[0]!.child.kill('SIGKILL');
          expect((await call(bases[lane]!, 'POST', `/v1/halls/${hallId}/events`, { events: batches[b] })).status).toBe(200);
        }
      }),
    );
    ingesting = false;
    await reader;
    expect(await workers[0]!.exited).toBe(null);
    expect(positions.length).toBeGreaterThan(0);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);

    // Both APIs converge on the head, then serve identical documents equal to a fresh rebuild.
    const head = Number((await database.db.selectFrom('halls').select('head_position').where('hall_id', '=', hallId).executeTakeFirstOrThrow()).head_position);
    for (const base of bases) await until(async () => (Number((await call(base, 'GET', `/v1/halls/${hallId}/periods/${current}/windows`)).asOf) === head ? true : undefined), 'the views to reach the head');
    const paths = [previous, current].flatMap((p) => [`periods/${p}/windows`, `periods/${p}/staff`, `periods/${p}/rankings`, `periods/${p}/ratings`, ...windows.map((w) => `periods/${p}/windows/${w}`)]);
    const serve = async (base: string) => Promise.all(paths.map(async (p) => (await call(base, 'GET', `/v1/halls/${hallId}/${p}`)).text));
    const live = await serve(bases[0]!);
    expect(await serve(bases[1]!)).toEqual(live);
    await rebuildViews(database.db, () => new Date(), [hallId]);
    expect(await serve(bases[0]!)).toEqual(live);

    // The same transition through both APIs at once: one version per stage, each published once.
    const moves = await Promise.all(bases.map((base) => call(base, 'POST', `/v1/halls/${hallId}/periods/${previous}/transitions`, { to: 'final' })));
    expect(moves.map((m) => m.status)).toEqual([200, 200]);
    const doc = JSON.parse((await call(bases[1]!, 'GET', `/v1/halls/${hallId}/periods/${previous}`)).text) as { stage: string; versions: Array<{ version: number; kind: string }> };
    expect(doc.stage).toBe('final');
    expect(doc.versions.map((v) => [v.version, v.kind])).toEqual([
      [1, 'preliminary'],
      [2, 'final'],
    ]);

    // One key for every process that signs.
    const keys = await Promise.all(bases.map(async (base) => (await call(base, 'GET', '/v1/audit/public-keys')).text));
    expect(keys[0]).toEqual(keys[1]);

    for (const c of [...apis, workers[1]!]) c.child.kill('SIGTERM');
    for (const c of [...apis, workers[1]!]) expect(await c.exited).toBe(0);
  }, 600_000);
});
