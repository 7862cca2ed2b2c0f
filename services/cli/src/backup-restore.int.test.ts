import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@hall/testing';
import { buildApp } from '../../api/src/app.ts';
import { loadConfig } from '../../api/src/config.ts';
import { sha256Hex } from '../../api/src/plugins/auth.ts';
import { auditTestApp, finding, givenHallWithJanuary, moveTo, restate, type AuditTestApp } from '../../api/src/audit/audit-app.test-helper.ts';
import { generateSigner, HallStates, loadKeyRing } from '@hall/assessment';
import { backupHall } from './backup.command.ts';
import { RestoreError, restoreHall } from './restore.command.ts';
import { verifyExportFile } from './audit-verify.command.ts';
import { publishedDocumentRows, publishedReads, versionDocuments } from '../../api/src/testing/published-documents.test-helper.ts';

/** Every read of the hall a restore must give back unchanged. */
const READS = [
  'periods/2026-01',
  'periods/2026-01/windows',
  'periods/2026-01/windows/w1',
  'periods/2026-01/windows/w2',
  'periods/2026-01/staff/s1',
  'periods/2026-01/windows/w1?version=2',
  'periods/2026-01/rankings',
  'periods/2026-01/rankings?version=2',
  'periods/2026-01/ratings',
  'periods/2026-02/windows/w1',
  'periods/2026-02/staff/s1',
  'periods/2026-02/rankings',
];

describe('hall backup, then hall restore into a fresh database', () => {
  let a: AuditTestApp;
  let target: TestDatabase;
  let restored: FastifyInstance;
  let dir: string;
  let hallId: string;
  let backupFile: string;
  let contactEventId: string;
  let auditorToken: string;

  const get = async (app: FastifyInstance, path: string, token = a.admin) => {
    const res = await app.inject({ method: 'GET', url: `/v1/halls/${hallId}/${path}`, headers: { authorization: `Bearer ${token}` } });
    return { status: res.statusCode, json: res.json() };
  };

  beforeAll(async () => {
    a = await auditTestApp();
    dir = await mkdtemp(join(tmpdir(), 'hall-backup-'));
    hallId = await givenHallWithJanuary(a);
    await moveTo(a, hallId, '2026-01', 'final');
    await a.call('POST', `/v1/halls/${hallId}/events`, { events: [finding('CON_QUARREL', 'w2', 20)] });
    await restate(a, hallId, '2026-01');
    // February stays open: its scores live in the views a restore rebuilds.
    await a.call('POST', `/v1/halls/${hallId}/events`, { events: [{ ...finding('HYG_NOT_CLEAN', 'w1'), occurredAt: '2026-02-03T10:00:00+08:00' }] });
    const events = (await a.call('GET', `/v1/halls/${hallId}/events?limit=1000`)).json.events as Array<{ id: string; type: string; data: { level?: number } }>;
    contactEventId = events.find((e) => e.type === 'RatingSubmitted' && e.data.level === 2)!.id;

    auditorToken = (await a.call('POST', `/v1/halls/${hallId}/clients`, { name: 'audit office', role: 'auditor' })).json.token;
    backupFile = join(dir, 'hall.backup.ndjson');
    await backupHall(a.t.store, hallId, backupFile, await loadKeyRing(a.t.db, a.signer));

    // A new installation: its own database and its own signing key.
    target = await createTestDatabase();
    const newKey = generateSigner().signer;
    await restoreHall(target.store, backupFile, newKey);
    const clock = () => new Date('2026-02-15T02:00:00.000Z');
    restored = await buildApp({
      config: loadConfig({ RATE_LIMIT_PER_MINUTE: '0' }),
      store: target.store,
      assessment: Object.assign(new HallStates(target.db, clock), { readWaitMs: 60_000 }),
      signer: newKey,
      clock,
      adminTokenHash: sha256Hex(a.admin),
      logger: false,
    });
    await restored.ready();
  });
  afterAll(async () => {
    await restored?.close();
    await target?.drop();
    await a?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('verifies with the same head hash, checkpoints signed by the old key included', async () => {
    const before = await get(a.app, 'audit/verify');
    const after = await get(restored, 'audit/verify');
    expect(before.json.ok).toBe(true);
    expect(after.json).toEqual(before.json);
    expect(after.json.checkpointsChecked).toBe(2);
  });

  it('keeps every checkpoint as signed, naming the old key', async () => {
    const before = await get(a.app, 'audit/checkpoints');
    expect(before.json.checkpoints).toHaveLength(2);
    expect((await get(restored, 'audit/checkpoints')).json.checkpoints).toEqual(before.json.checkpoints);
  });

  it('gives the same score documents, rankings and publications', async () => {
    for (const path of READS) {
      const before = await get(a.app, path);
      expect(before.status, path).toBe(200);
      expect(await get(restored, path), path).toEqual(before);
    }
  });

  it('reads each restored published version as the document period_versions holds', async () => {
    const versions = await versionDocuments(target.db, hallId);
    expect(versions.length).toBeGreaterThan(0);
    expect(versions).toEqual(await versionDocuments(a.t.db, hallId));
    expect(await publishedDocumentRows(target.db, hallId)).toEqual(versions);
    for (const read of await publishedReads(restored, target.db, hallId, a.admin)) {
      expect(read.status, read.path).toBe(200);
      expect(read.body, read.path).toBe(read.expected);
    }
  });

  it("rebuilds the month's score views row for row", async () => {
    // The rebuild runs on the wall clock, so it also scores the (empty) months since; final January is read from its publications.
    const views = (db: TestDatabase['db']) =>
      sql`select period, subject_type, subject_id, total_cents, veto, document from score_views
        where hall_id = ${hallId} and period = '2026-02' order by 1, 2, 3`.execute(db);
    const before = (await views(a.t.db)).rows;
    expect(before.length).toBeGreaterThan(0);
    expect((await views(target.db)).rows).toEqual(before);
  });

  it("keeps the citizen's contact apart and the hall's tokens working", async () => {
    const before = await get(a.app, `personal-data/${contactEventId}`);
    expect(before.status).toBe(200);
    expect(await get(restored, `personal-data/${contactEventId}`)).toEqual(before);
    expect((await get(restored, 'audit/verify', auditorToken)).status).toBe(200);
    // Only token hashes travel.
    expect(await readFile(backupFile, 'utf8')).not.toContain(auditorToken);
  });

  it('is an export the offline verifier reads', async () => {
    expect(await verifyExportFile(backupFile)).toMatchObject({ ok: true, checkpointsChecked: 2 });
  });

  it('refuses a database that already has the hall, writing nothing', async () => {
    await expect(restoreHall(target.store, backupFile, undefined)).rejects.toThrow(/already exists/);
  });

  it('rolls back a backup whose history was edited, so the hall is not there at all', async () => {
    const empty = await createTestDatabase();
    try {
      const text = await readFile(backupFile, 'utf8');
      const edited = join(dir, 'edited.ndjson');
      await writeFile(edited, text.replace('"level":2', '"level":5'));
      const error = await restoreHall(empty.store, edited, undefined).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RestoreError);
      expect((error as RestoreError).verification).toMatchObject({ ok: false });
      expect(await empty.db.selectFrom('halls').select('hall_id').execute()).toEqual([]);
    } finally {
      await empty.drop();
    }
  });
});
