import type { FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from '@hall/testing';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { sha256Hex } from '../plugins/auth.ts';
import { generateSigner, HallStates, type AuditSigner } from '@hall/assessment';

/** Test support (not a test): the API over a fresh PostgreSQL database, a fixed clock and a generated signing key. */
export interface AuditTestApp {
  t: TestDatabase;
  app: FastifyInstance;
  assessment: HallStates;
  signer: AuditSigner;
  /** PKCS#8 PEM of `signer`, for SIGNING_KEY of a child process. */
  privateKeyPem: string;
  admin: string;
  setNow(iso: string): void;
  call(method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, token?: string, headers?: Record<string, string>): Promise<{ status: number; json: any; text: string; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function auditTestApp(opts: { logger?: unknown } = {}): Promise<AuditTestApp> {
  const t = await createTestDatabase();
  let now = new Date('2026-02-15T02:00:00.000Z');
  const clock = () => now;
  const { signer, privateKeyPem } = generateSigner();
  const assessment = new HallStates(t.db, clock);
  // Reads wait for the runner as long as a loaded test machine needs: their bound is not what is tested here.
  assessment.readWaitMs = 60_000;
  const admin = 'adm_test-token-for-audit-tests';
  const app = await buildApp({
    config: loadConfig({ RATE_LIMIT_PER_MINUTE: '0', OVERLOAD_EVENT_LOOP_DELAY_MS: '0' }),
    store: t.store,
    assessment,
    signer,
    clock,
    adminTokenHash: sha256Hex(admin),
    logger: (opts.logger as never) ?? false,
  });
  return {
    t,
    app,
    assessment,
    signer,
    privateKeyPem,
    admin,
    setNow(iso) {
      now = new Date(iso);
    },
    async call(method, url, body, token = admin, headers = {}) {
      const res = await app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}`, ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      });
      let json: unknown;
      try {
        json = res.body ? JSON.parse(res.body) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.statusCode, json, text: res.body, headers: res.headers };
    },
    async close() {
      await app.close();
      await t.drop();
    },
  };
}

let seq = 0;
const id = (prefix: string) => `${prefix}-${++seq}`;

/** An event as a client posts it, dated in January 2026 (hall time +08:00). */
export function ev(type: string, data: Record<string, unknown>, day = 12): { id: string; type: string; occurredAt: string; data: Record<string, unknown> } {
  return { id: id('ev'), type, occurredAt: `2026-01-${String(day).padStart(2, '0')}T10:00:00+08:00`, data };
}

export const organisation = () => [
  ev('DepartmentRegistered', { departmentId: 'd1', name: 'Civil affairs' }, 2),
  ev('WindowOpened', { windowId: 'w1', number: '01', name: 'Window 1', departmentId: 'd1', kind: 'approval' }, 2),
  ev('WindowOpened', { windowId: 'w2', number: '02', name: 'Window 2', departmentId: 'd1', kind: 'approval' }, 2),
  ev('StaffRegistered', { staffId: 's1', name: 'Li', departmentId: 'd1' }, 2),
  ev('StaffAssigned', { staffId: 's1', windowId: 'w1', post: 'A' }, 2),
  ev('ServiceItemRegistered', { serviceItemId: 'si1', name: 'Licence', departmentId: 'd1', committedWorkingDays: 5 }, 2),
];

export const finding = (ruleCode: string, windowId = 'w1', day = 12) =>
  ev('InspectionRecorded', { inspectionId: id('insp'), inspectorId: 'i1', findings: [{ ruleCode, windowId, staffId: 's1' }] }, day);

export const rating = (level: number, contact?: string, day = 13) =>
  ev('RatingSubmitted', { ratingId: id('r'), level, channel: 'qr', windowId: 'w1', staffId: 's1', ...(contact ? { contact } : {}) }, day);

/** A hall with its organisation and some January events; returns its id. */
export async function givenHallWithJanuary(a: AuditTestApp, extra: ReturnType<typeof ev>[] = []): Promise<string> {
  const hallId = id('hall');
  const created = await a.call('POST', '/v1/halls', { id: hallId, name: 'Audit hall', assessmentStartsOn: '2026-01-01', autoAdvance: false });
  if (created.status !== 201) throw new Error(`hall: ${created.status} ${created.text}`);
  const events = [...organisation(), finding('CON_BADGE_UNIFORM'), finding('HYG_NOT_CLEAN', 'w2'), rating(5), rating(2, '13800000000'), ...extra];
  const appended = await a.call('POST', `/v1/halls/${hallId}/events`, { events });
  if (appended.status !== 200) throw new Error(`events: ${appended.status} ${appended.text}`);
  return hallId;
}

export async function moveTo(a: AuditTestApp, hallId: string, period: string, to: 'collecting' | 'preliminary' | 'final'): Promise<void> {
  const res = await a.call('POST', `/v1/halls/${hallId}/periods/${period}/transitions`, { to });
  if (res.status !== 200) throw new Error(`transition: ${res.status} ${res.text}`);
}

export async function restate(a: AuditTestApp, hallId: string, period: string): Promise<number> {
  const res = await a.call('POST', `/v1/halls/${hallId}/periods/${period}/restatements`, { reason: 'late findings' });
  if (res.status !== 201) throw new Error(`restatement: ${res.status} ${res.text}`);
  return res.json.version as number;
}
