import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestDatabase, type TestDatabase } from '@hall/testing';
import { buildApp } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import { sha256Hex } from '../plugins/auth.ts';
import { generateSigner, HallStates, type AuditSigner } from '@hall/assessment';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  assessment: HallStates;
  /** The key the app signs checkpoints with (a throwaway one unless given). */
  signer: AuditSigner;
  /** Moves the service's clock (time is injected, never slept on). */
  setNow(iso: string): void;
  now(): Date;
  close(): Promise<void>;
  /** Builds a second app over the same database (a restarted service, a second worker). */
  restart(): Promise<TestApp>;
}

/** The real app over a fresh PostgreSQL database, with an injected clock. */
export async function createTestApp(opts: { now?: string; env?: NodeJS.ProcessEnv; database?: TestDatabase; signer?: AuditSigner } = {}): Promise<TestApp> {
  const database = opts.database ?? (await createTestDatabase());
  let now = new Date(opts.now ?? '2026-11-26T04:00:00Z');
  const clock = () => now;
  // Shedding on event-loop lag is off unless a test turns it on: a loaded CI machine lags on its own.
  const config: Config = loadConfig({ RATE_LIMIT_PER_MINUTE: '0', OVERLOAD_EVENT_LOOP_DELAY_MS: '0', ...opts.env });
  const assessment = new HallStates(database.db, clock);
  // Reads wait for the runner as long as a loaded test machine needs: their bound is not what is tested here.
  assessment.readWaitMs = 60_000;
  const signer = opts.signer ?? generateSigner().signer;
  const app = await buildApp({ config, store: database.store, assessment, signer, clock, adminTokenHash: sha256Hex(ADMIN_TOKEN), logger: false });
  await app.ready();
  const self: TestApp = {
    app,
    database,
    assessment,
    signer,
    setNow: (iso) => {
      now = new Date(iso);
    },
    now: clock,
    close: async () => {
      await app.close();
      if (!opts.database) await database.drop();
    },
    restart: async () => {
      const next = await createTestApp({ ...opts, now: now.toISOString(), database, signer });
      return next;
    },
  };
  return self;
}

/** Thin client for tests: JSON in, parsed JSON out. */
export class ApiClient {
  constructor(
    readonly app: FastifyInstance,
    readonly token: string,
  ) {}

  async request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse & { body: string; data: any }> {
    const response = await this.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    let data: unknown = undefined;
    try {
      data = response.body ? JSON.parse(response.body) : undefined;
    } catch {
      data = undefined;
    }
    return Object.assign(response, { data });
  }

  get(url: string) {
    return this.request('GET', url);
  }

  post(url: string, body: unknown) {
    return this.request('POST', url, body);
  }
}

export interface HallFixture {
  hallId: string;
  admin: ApiClient;
  supervisor: ApiClient;
  client(role: string, extra?: Record<string, unknown>): Promise<ApiClient>;
  post(events: Array<{ id: string; type: string; occurredAt: string; data: Record<string, unknown> }>, as?: ApiClient): Promise<any>;
}

/** Creates a hall and a supervisor token; `post` appends events as the supervisor unless told otherwise. */
export async function createHall(t: TestApp, body: Record<string, unknown> = {}): Promise<HallFixture> {
  const admin = new ApiClient(t.app, ADMIN_TOKEN);
  const created = await admin.post('/v1/halls', { name: 'Test hall', assessmentStartsOn: '2026-09-01', autoAdvance: false, ...body });
  if (created.statusCode !== 201) throw new Error(`hall not created: ${created.body}`);
  const hallId = created.data.id as string;
  // One active client per name (decision 1801): the second client of a role gets a number.
  const issued = new Map<string, number>();
  const client = async (role: string, extra: Record<string, unknown> = {}) => {
    const n = (issued.get(role) ?? 0) + 1;
    issued.set(role, n);
    const res = await admin.post(`/v1/halls/${hallId}/clients`, { name: n === 1 ? `${role} client` : `${role} client ${n}`, role, ...extra });
    if (res.statusCode !== 201) throw new Error(`client not created: ${res.body}`);
    return new ApiClient(t.app, res.data.token);
  };
  const supervisor = await client('supervisor');
  return {
    hallId,
    admin,
    supervisor,
    client,
    post: async (events, as = supervisor) => {
      const res = await as.post(`/v1/halls/${hallId}/events`, { events });
      if (res.statusCode !== 200) throw new Error(`events rejected (${res.statusCode}): ${res.body}`);
      return res.data;
    },
  };
}
