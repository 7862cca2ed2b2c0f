import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/api/src/server.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function ready(port: number, exited: Promise<unknown>): Promise<Response> {
  let done = false;
  void exited.then(() => (done = true));
  // Generous: a child tsx process on a shared, loaded machine; this waits, it does not time anything.
  for (let i = 0; i < 2400 && !done; i += 1) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (res.status === 200) return res;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the service never became ready');
}

describe('the service process', () => {
  it('stops the start naming a bad variable', async () => {
    const { exited, output } = start({ PORT: 'eighty', RATE_LIMIT_PER_MINUTE: '-1' });
    expect(await exited).toBe(1);
    expect(output()).toContain('PORT');
    expect(output()).toContain('RATE_LIMIT_PER_MINUTE');
  });

  it('refuses to start on DATABASE_URL without SIGNING_KEY, in both languages, naming the variable and how to make one', async () => {
    // Refused before any connection: the database need not exist.
    const { exited, output } = start({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/never_connected', DATA_DIR: join(tmpdir(), 'hall-never-created') });
    expect(await exited).toBe(1);
    expect(output()).toContain('SIGNING_KEY：设置了 DATABASE_URL 时必须提供');
    expect(output()).toContain('SIGNING_KEY: required when DATABASE_URL is set');
    expect(output()).toContain('pnpm --silent cli keygen');
  });

  it('runs on embedded PGlite with a generated operator token printed once, and drains on SIGTERM with exit 0', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'hall-server-'));
    dirs.push(dataDir);
    const port = 3300 + Math.floor(Math.random() * 500);
    const { child, exited, output } = start({ DATA_DIR: dataDir, PORT: String(port) });
    const res = await ready(port, exited);
    expect(await res.json()).toMatchObject({ status: 'ready', database: 'pglite' });
    const token = /ADMIN_TOKEN=(\S+)/.exec(output())?.[1];
    expect(token).toBeDefined();
    const hall = await fetch(`http://127.0.0.1:${port}/v1/halls`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'h1', name: 'Hall', assessmentStartsOn: '2026-09-01' }),
    });
    expect(hall.status).toBe(201);
    expect((await fetch(`http://127.0.0.1:${port}/openapi.json`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 300_000);
});
