import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testRedisUrl, type TestDatabase } from '@hall/testing';
import { generateSigner } from '@hall/assessment';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const ADMIN = 'worker-test-admin-token-0123456789';
const queueName = `test-${randomUUID()}`;
/** With DATABASE_URL every process needs SIGNING_KEY, the same one (decision 1401). */
const SIGNING_KEY = generateSigner().privateKeyPem;
let database: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'hall-worker-'));
});
afterAll(async () => {
  for (const name of [queueName, `${queueName}-webhooks`]) {
    const queue = new Queue(name, { connection: { url: testRedisUrl() } });
    await queue.obliterate({ force: true });
    await queue.close();
  }
  await database.drop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Starts an entry point as `pnpm start:*` does (tsx), on the test database and Redis. */
function start(entry: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      SCHEDULER_QUEUE: queueName,
      // Each run its own webhook queue too: the shared Redis serves other tests at the same time.
      WEBHOOK_QUEUE: `${queueName}-webhooks`,
      DATA_DIR: dataDir,
      SIGNING_KEY,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, exited: Promise<unknown>): Promise<T> {
  let done = false;
  void exited.then(() => (done = true));
  // Generous: two tsx processes starting on a shared, loaded machine; this waits, it does not time anything.
  for (let i = 0; i < 2400 && !done; i += 1) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** The first day of the month two months before now, so that month is due to move on at once. */
function twoMonthsAgo(): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1));
  return d.toISOString().slice(0, 10);
}

describe('the worker and the API as processes of their own', () => {
  it('each starts alone on DATABASE_URL + REDIS_URL; the worker moves periods the API-only process does not; both exit 0 on SIGTERM', async () => {
    const port = 3800 + Math.floor(Math.random() * 500);
    const api = start('services/api/src/server.ts', ['--api-only'], { PORT: String(port), ADMIN_TOKEN: ADMIN, SCHEDULER_INTERVAL_SECONDS: '1' });
    const base = `http://127.0.0.1:${port}`;
    const ready = await until(async () => ((await fetch(`${base}/health/ready`)).status === 200 ? true : undefined), 'the API to be ready', api.exited);
    expect(ready).toBe(true);

    const start0 = twoMonthsAgo();
    const created = await fetch(`${base}/v1/halls`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'h-worker', name: 'Hall', assessmentStartsOn: start0, autoAdvance: true }),
    });
    expect(created.status).toBe(201);
    const period = start0.slice(0, 7);
    const stageOf = async () => {
      const res = await fetch(`${base}/v1/halls/h-worker/periods/${period}`, { headers: { authorization: `Bearer ${ADMIN}` } });
      return ((await res.json()) as { stage: string }).stage;
    };
    // No schedule runs in the API-only process.
    expect(await stageOf()).toBe('open');

    const worker = start('services/worker/src/main.ts', [], { SCHEDULER_INTERVAL_SECONDS: '1' });
    await until(async () => (worker.output().includes('worker started') ? true : undefined), 'the worker to start', worker.exited);
    const moved = await until(async () => {
      const stage = await stageOf();
      return stage === 'open' ? undefined : stage;
    }, `the worker to move ${period}`, worker.exited);
    expect(['collecting', 'preliminary', 'final']).toContain(moved);

    worker.child.kill('SIGTERM');
    api.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(await api.exited).toBe(0);
  }, 300_000);
});
