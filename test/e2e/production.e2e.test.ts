import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminQuery, organisationEvents, quoteIdent, urlForDatabase } from '@hall/testing';
import { generateSigner, PROJECTION } from '@hall/assessment';
import { connect } from '@hall/event-store';
import { progressOf } from '@hall/projections';
import { groupGone, startService } from './service-process.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const rootPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const temp: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temp.push(dir);
  return dir;
};

beforeAll(async () => {
  // The entry points only: Vite would empty web/dist while the board tests serve it; it is built when missing.
  await run(process.execPath, ['scripts/build.mjs', '--no-web'], { cwd: ROOT });
  await run(process.execPath, ['web/scripts/ensure-build.mjs'], { cwd: ROOT });
}, 120_000);
afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

describe('a production install (pnpm deploy --prod)', () => {
  let app: string;
  const { adminUrl } = inject('testDatabase');
  const database = `hall_prod_${randomBytes(5).toString('hex')}`;
  const databaseUrl = urlForDatabase(adminUrl, database);

  beforeAll(async () => {
    app = join(tempDir('hall-prod-'), 'app');
    // From the store where it can: a legacy deploy re-resolves workspace packages' ranges, and a fresh
    // machine's pnpm cache holds no registry metadata after a frozen install, so `--offline` fails there.
    await run('pnpm', ['--filter', 'hall-assessment', '--prod', '--prefer-offline', '--ignore-scripts', 'deploy', '--legacy', app], { cwd: ROOT });
    await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(database)}`);
  }, 180_000);
  afterAll(() => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`));

  it('holds the build, the migrations, the front end and exactly the runtime dependencies', () => {
    expect(existsSync(join(app, 'dist/server.mjs'))).toBe(true);
    expect(existsSync(join(app, 'web/dist/index.html'))).toBe(true);
    expect(readdirSync(join(app, 'migrations'))).toEqual(readdirSync(join(ROOT, 'migrations')));
    expect(existsSync(join(app, 'packages'))).toBe(false);
    const installed = readdirSync(join(app, 'node_modules'))
      .filter((name) => !name.startsWith('.'))
      .flatMap((name) => (name.startsWith('@') ? readdirSync(join(app, 'node_modules', name)).map((sub) => `${name}/${sub}`) : [name]));
    expect(installed.sort()).toEqual(Object.keys(rootPackage.dependencies).sort());
    for (const devOnly of ['tsx', 'vite', 'vitest', 'esbuild', 'testcontainers', '@hall/testing']) {
      expect(existsSync(join(app, 'node_modules', devOnly)), devOnly).toBe(false);
    }
  });

  it('migrates once when two `migrate` runs start together on a fresh database', async () => {
    const migrate = () => run(process.execPath, ['dist/migrate.mjs'], { cwd: app, env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' } });
    const [a, b] = await Promise.all([migrate(), migrate()]);
    expect(a.stdout + b.stdout).toContain('the schema is at the latest migration');
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const applied = await client.query<{ name: string }>('select name from kysely_migration order by name');
      const files = readdirSync(join(app, 'migrations')).filter((f) => f.endsWith('.sql')).sort();
      expect(applied.rows.map((r) => `${r.name}.sql`)).toEqual(files);
    } finally {
      await client.end();
    }
  });

  it('starts the compiled service to /health/ready, serves the board, projects on its thread, then stops on SIGTERM with exit 0', async () => {
    const service = startService(process.execPath, ['dist/server.mjs'], {
      cwd: app,
      env: { DATABASE_URL: databaseUrl, DATA_DIR: tempDir('hall-prod-data-'), ADMIN_TOKEN: 'production-test-token', SIGNING_KEY: generateSigner().privateKeyPem },
    });
    try {
      const port = await service.listening();
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', database: 'postgres' });
      const board = await fetch(`http://127.0.0.1:${port}/board/h1`);
      expect(board.headers.get('content-type')).toContain('text/html');
      // The views are projected on the bundle's projector thread (dist/projector.mjs, decision 1861).
      const operator = { authorization: 'Bearer production-test-token', 'content-type': 'application/json' };
      const created = await fetch(`http://127.0.0.1:${port}/v1/halls`, {
        method: 'POST',
        headers: operator,
        body: JSON.stringify({ name: '生产', assessmentStartsOn: '2026-11-01', autoAdvance: false }),
      });
      const hallId = ((await created.json()) as { id: string }).id;
      const posted = await fetch(`http://127.0.0.1:${port}/v1/halls/${hallId}/events`, {
        method: 'POST',
        headers: operator,
        body: JSON.stringify({ events: organisationEvents('2026-11-01T08:00:00+08:00') }),
      });
      expect(posted.status).toBe(200);
      const store = await connect({ databaseUrl, dataDir: '' });
      try {
        for (;;) {
          const progress = await progressOf(store.db, hallId, PROJECTION.name);
          if (progress && progress.checkpoint >= progress.head) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        await store.close();
      }
      // The thread said so (its line may reach the pipe after the requests' lines).
      while (!service.output().includes('projector thread started')) await new Promise((resolve) => setTimeout(resolve, 20));
      service.child.kill('SIGTERM');
      expect(await service.exited).toBe(0);
    } finally {
      if (service.groupAlive()) process.kill(-(service.child.pid as number), 'SIGKILL');
    }
  });
});

describe('pnpm start', () => {
  it('stops the whole process tree with exit 0 on SIGTERM', async () => {
    const dataDir = tempDir('hall-start-');
    // A migrated PGlite from global-setup: a fresh initdb costs seconds.
    cpSync(join(inject('testPgliteTemplate'), 'pglite'), join(dataDir, 'pglite'), { recursive: true });
    const service = startService('pnpm', ['start'], { cwd: ROOT, env: { DATA_DIR: dataDir, ADMIN_TOKEN: 'start-test-token' } });
    try {
      const port = await service.listening();
      expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
      // To pnpm only, as a supervisor or a terminal's kill would send it.
      service.child.kill('SIGTERM');
      expect(await service.exited).toBe(0);
      expect(await groupGone(service)).toBe(true);
      expect(service.output()).not.toContain('ELIFECYCLE');
      expect(service.output()).toContain('stopping: draining requests');
    } finally {
      if (service.groupAlive()) process.kill(-(service.child.pid as number), 'SIGKILL');
    }
  });
});
