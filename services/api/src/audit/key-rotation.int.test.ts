import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { sha256Hex } from '../plugins/auth.ts';
import { auditTestApp, finding, givenHallWithJanuary, moveTo, type AuditTestApp } from './audit-app.test-helper.ts';
import { generateSigner, HallStates, type AuditSigner } from '@hall/assessment';

describe('when the signing key is rotated', () => {
  let a: AuditTestApp;
  let rotated: FastifyInstance;
  let newKey: AuditSigner;
  let hallId: string;
  const call = async (url: string) => {
    const res = await rotated.inject({ method: 'GET', url, headers: { authorization: `Bearer ${a.admin}` } });
    return { status: res.statusCode, json: res.json() };
  };

  beforeAll(async () => {
    a = await auditTestApp();
    hallId = await givenHallWithJanuary(a);
    await moveTo(a, hallId, '2026-01', 'final');
    await a.app.close();
    // The same database restarted with a new SIGNING_KEY.
    newKey = generateSigner().signer;
    const clock = () => new Date('2026-02-20T02:00:00.000Z');
    rotated = await buildApp({
      config: loadConfig({ RATE_LIMIT_PER_MINUTE: '0' }),
      store: a.t.store,
      assessment: Object.assign(new HallStates(a.t.db, clock), { readWaitMs: 60_000 }),
      signer: newKey,
      clock,
      adminTokenHash: sha256Hex(a.admin),
      logger: false,
    });
    await rotated.ready();
    const post = (url: string, payload: object) => rotated.inject({ method: 'POST', url, headers: { authorization: `Bearer ${a.admin}` }, payload });
    expect((await post(`/v1/halls/${hallId}/events`, { events: [finding('CON_QUARREL', 'w2', 20)] })).statusCode).toBe(200);
    expect((await post(`/v1/halls/${hallId}/periods/2026-01/restatements`, { reason: 'late findings' })).statusCode).toBe(201);
  });
  afterAll(async () => {
    await rotated?.close();
    await a?.t.drop();
  });

  it('each checkpoint names the key that signed it', async () => {
    const res = await call(`/v1/halls/${hallId}/audit/checkpoints`);
    expect(res.json.keyId).toBe(newKey.keyId);
    expect(res.json.checkpoints.map((c: { version: number; keyId: string }) => [c.version, c.keyId])).toEqual([
      [2, a.signer.keyId],
      [3, newKey.keyId],
    ]);
  });

  it('serves the new key as the current one and keeps the old one listed', async () => {
    expect((await call('/v1/audit/public-key')).json).toEqual({ algorithm: 'Ed25519', keyId: newKey.keyId, publicKey: newKey.publicKeyPem });
    const { status, json } = await call('/v1/audit/public-keys');
    expect(status).toBe(200);
    expect(json.keys.map((k: { keyId: string; current: boolean; publicKey: string }) => [k.keyId, k.current, k.publicKey])).toEqual([
      [a.signer.keyId, false, a.signer.publicKeyPem],
      [newKey.keyId, true, newKey.publicKeyPem],
    ]);
  });

  it('verifies the checkpoints of both keys', async () => {
    expect((await call(`/v1/halls/${hallId}/audit/verify`)).json).toMatchObject({ ok: true, checkpointsChecked: 2 });
  });

  it('reports a checkpoint naming a key it never had as a bad signature', async () => {
    await sql`update audit_checkpoints set key_id = 'ffffffffffffffff' where hall_id = ${hallId} and version = 2`.execute(a.t.db);
    try {
      expect((await call(`/v1/halls/${hallId}/audit/verify`)).json).toMatchObject({ ok: false, brokenCheckpoint: { version: 2, problem: 'signature' } });
    } finally {
      await sql`update audit_checkpoints set key_id = ${a.signer.keyId} where hall_id = ${hallId} and version = 2`.execute(a.t.db);
    }
  });
});
