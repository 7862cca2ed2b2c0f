import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTestApp, finding, givenHallWithJanuary, moveTo, restate, type AuditTestApp } from '../../api/src/audit/audit-app.test-helper.ts';

const run = promisify(execFile);
let a: AuditTestApp;
let dir: string;
beforeAll(async () => {
  a = await auditTestApp();
  dir = await mkdtemp(join(tmpdir(), 'hall-cli-'));
});
afterAll(async () => {
  await a?.close();
  await rm(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => cliIn({}, ...args);

/** Runs the CLI with `extra` in its environment (a language, say). */
async function cliIn(extra: Record<string, string>, ...args: string[]): Promise<{ code: number; json: any; stderr: string }> {
  const env = { ...process.env, LC_ALL: '', LC_MESSAGES: '', DATABASE_URL: a.t.url, SIGNING_KEY: a.privateKeyPem, DATA_DIR: dir, ...extra };
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'services/cli/src/main.ts', ...args], { env, cwd: process.cwd() });
    return { code: 0, json: JSON.parse(stdout), stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    let json: unknown;
    try {
      json = JSON.parse(e.stdout);
    } catch {
      json = undefined;
    }
    return { code: e.code, json, stderr: e.stderr };
  }
}

async function publishedHall(): Promise<string> {
  const hallId = await givenHallWithJanuary(a);
  await moveTo(a, hallId, '2026-01', 'final');
  await a.call('POST', `/v1/halls/${hallId}/events`, { events: [finding('CON_QUARREL', 'w2', 20)] });
  await restate(a, hallId, '2026-01');
  await a.call('POST', `/v1/halls/${hallId}/events`, { events: [finding('ARC_DISORDER', 'w1', 22)] });
  return hallId;
}

describe('pnpm cli', { timeout: 180_000 }, () => {
  it('exports a hall and verifies the export offline', async () => {
    const hallId = await publishedHall();
    const file = join(dir, `${hallId}.ndjson`);
    const exported = await cli('export', '--hall', hallId, '--to', file);
    expect(exported).toMatchObject({ code: 0, json: { hallId, checkpoints: 2 } });
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ kind: 'header', hallId, keyId: a.signer.keyId });
    expect(lines.filter((l) => l.kind === 'event')).toHaveLength(exported.json.events);
    const offline = await cli('audit', 'verify', '--file', file);
    expect(offline).toMatchObject({ code: 0, json: { ok: true, checkpointsChecked: 2, eventsChecked: exported.json.events } });
  });

  it('verifies the database, and with an exported checkpoint file detects a truncation the database alone cannot', async () => {
    const hallId = await publishedHall();
    const file = join(dir, `${hallId}-before.ndjson`);
    await cli('export', '--hall', hallId, '--to', file);
    expect(await cli('audit', 'verify', '--hall', hallId)).toMatchObject({ code: 0, json: { ok: true, checkpointsChecked: 2 } });

    // Cut the history back to before the restatement, its checkpoint and publication with it.
    const cp = (await a.call('GET', `/v1/halls/${hallId}/audit/checkpoints`)).json.checkpoints[1];
    const keep = cp.position - 1;
    const { rows } = await sql<{ hash: string }>`select hash from events where hall_id = ${hallId} and position = ${keep}`.execute(a.t.db);
    await sql`delete from audit_checkpoints where hall_id = ${hallId} and version = 3`.execute(a.t.db);
    await sql`delete from period_versions where hall_id = ${hallId} and version = 3`.execute(a.t.db);
    await sql`delete from events where hall_id = ${hallId} and position > ${keep}`.execute(a.t.db);
    await sql`update halls set head_position = ${keep}, head_hash = ${rows[0]!.hash} where hall_id = ${hallId}`.execute(a.t.db);

    expect(await cli('audit', 'verify', '--hall', hallId)).toMatchObject({ code: 0, json: { ok: true } });
    const withFile = await cli('audit', 'verify', '--hall', hallId, '--from-checkpoint', file);
    expect(withFile).toMatchObject({
      code: 1,
      json: { ok: false, firstBrokenPosition: keep + 1, external: [{ version: 2, status: 'ok' }, { version: 3, status: 'truncated' }] },
    });
  });

  it('detects a history rewritten before an exported checkpoint', async () => {
    const hallId = await publishedHall();
    const checkpoints = (await a.call('GET', `/v1/halls/${hallId}/audit/checkpoints`)).json;
    const file = join(dir, `${hallId}-checkpoints.json`);
    await import('node:fs/promises').then((fs) => fs.writeFile(file, JSON.stringify(checkpoints)));
    await sql`update events set hash = repeat('b', 64) where hall_id = ${hallId} and position = ${checkpoints.checkpoints[0].position}`.execute(a.t.db);
    const result = await cli('audit', 'verify', '--hall', hallId, '--from-checkpoint', file);
    expect(result.code).toBe(1);
    expect(result.json.external[0]).toMatchObject({ version: 2, status: 'rewritten' });
  });

  it('replays a published version', async () => {
    const hallId = await publishedHall();
    expect(await cli('audit', 'replay', '--hall', hallId, '--period', '2026-01', '--version', '2')).toMatchObject({ code: 0, json: { version: 2, matches: true } });
  });

  it('rebuilds a hall\'s views from its history', async () => {
    const hallId = await givenHallWithJanuary(a);
    const before = (await a.call('GET', `/v1/halls/${hallId}/periods/2026-01/windows/w1`)).json;
    const result = await cli('rebuild', '--hall', hallId, '--lang', 'en');
    expect(result).toMatchObject({ code: 0, json: { halls: 1 } });
    expect(result.stderr).toMatch(/^rebuild .* events\/s/m);
    const { rows } = await sql<{ document: unknown }>`select document from score_views where hall_id = ${hallId} and period = '2026-01' and subject_id = 'w1'`.execute(a.t.db);
    expect(rows[0]?.document).toEqual(before);
  });

  it('speaks Chinese on stderr by default, English with --lang or LANG, and never changes the JSON on stdout', async () => {
    const hallId = await givenHallWithJanuary(a);
    const zh = await cliIn({ LANG: '' }, 'rebuild', '--hall', hallId);
    expect(zh.stderr).toMatch(/^重建视图 .* 个事件 每秒 \d+ 个 用时/m);
    const en = await cliIn({ LANG: 'en_US.UTF-8' }, 'rebuild', '--hall', hallId);
    expect(en.stderr).toMatch(/^rebuild .* events\/s/m);
    expect(Object.keys(zh.json)).toEqual(Object.keys(en.json));

    const usage = await cliIn({ LANG: 'zh_CN.UTF-8' }, 'audit', 'replay', '--hall', hallId);
    expect(usage).toMatchObject({ code: 2 });
    expect(usage.stderr).toContain('audit replay：缺少 --period');
    expect(usage.stderr).toContain('用法：hall <命令>');
    const english = await cliIn({ LANG: 'zh_CN.UTF-8' }, 'rebuild', '--hall', 'no-such-hall', '--lang', 'en');
    expect(english).toMatchObject({ code: 2 });
    expect(english.stderr).toContain('unknown hall no-such-hall');
  });

  it('exits non-zero on a usage error', async () => {
    expect((await cli('audit', 'replay', '--hall', 'x')).code).toBe(2);
    expect((await cli('rebuild', '--hall', 'no-such-hall')).code).toBe(2);
  });
});
