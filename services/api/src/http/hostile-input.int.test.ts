import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, createHall, createTestApp, type HallFixture, type TestApp } from '../testing/test-app.ts';
import { organisationEvents } from '@hall/testing';
import { hostileString, OpenApiArbitraries, type SchemaNode } from '../testing/openapi-arbitraries.ts';
import { BODY_LIMIT } from '../app.ts';

// Drives every operation of the committed OpenAPI document with random and
// adversarial values, as each role and without a token, and checks what any
// client may rely on: never a 5xx, every refusal an RFC 9457 body whose
// `status` is the HTTP status, and nothing written when the answer is 4xx.

interface Operation {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  params: Array<{ in: 'path' | 'query'; name: string; schema: SchemaNode }>;
  body?: SchemaNode;
}

const document = JSON.parse(readFileSync(fileURLToPath(new URL('../../../../openapi/openapi.json', import.meta.url)), 'utf8')) as {
  paths: Record<string, Record<string, { parameters?: Operation['params']; requestBody?: { content: Record<string, { schema: SchemaNode }> } }>>;
  components: { schemas: Record<string, SchemaNode> };
};
const operations: Operation[] = Object.entries(document.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({
    method: method.toUpperCase() as Operation['method'],
    path,
    params: op.parameters ?? [],
    body: op.requestBody?.content['application/json']?.schema,
  })),
);
const schemas = new OpenApiArbitraries(document.components.schemas);

/** Runs per operation: small in CI (2 cores); raise FUZZ_RUNS locally to dig deeper. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);

let t: TestApp;
let hall: HallFixture;
const tokens: Record<string, string | undefined> = {};

/** What a refused request must leave as it was: every hall's head, the organisation, clients, publications, personal data. */
async function writtenState(): Promise<string> {
  const { rows } = await sql<{ state: string }>`
    select concat_ws('|',
      (select string_agg(hall_id || ':' || head_position, ',' order by hall_id) from halls),
      (select count(*) from clients), (select count(*) from clients where revoked_at is not null),
      (select count(*) from windows), (select count(*) from staff), (select count(*) from departments),
      (select count(*) from period_versions), (select count(*) from audit_checkpoints),
      (select count(*) from personal_data)) as state`.execute(t.database.db);
  return rows[0]!.state;
}

function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    // A lone surrogate has no UTF-8 form: send the bytes a broken client would (an encoded surrogate half).
    return `%ED%A0%80${encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, ''))}`;
  }
}

/** Path and query values: mostly ones that reach the handler (the real hall, months, known ids), some hostile. */
function paramValue(name: string, schema: SchemaNode): fc.Arbitrary<string> {
  const known: Record<string, string[]> = {
    hallId: [hall.hallId],
    period: ['2026-09', '2026-10', '2026-11', '2027-13', '2026-9'],
    quarter: ['2026-Q3', '2026-Q4', '2026-Q5'],
    year: ['2026', '2027', '26'],
    windowId: ['w1', 'p1', 'w-none'],
    staffId: ['s1', 's-none'],
    version: ['1', '2', '0', '-1', '1.5', '99999999999999999999'],
    after: ['0', '-1', '1e3', '99999999999999999999'],
    limit: ['1', '1000', '0', '100001'],
    eventId: ['r-1', 'nope'],
    appealId: ['a-none'],
    clientId: ['c_none'],
  };
  const good = fc.constantFrom(...(known[name] ?? ['x']));
  const generated = schemas.value(schema, 0).map((v) => String(v));
  return fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: generated, weight: 2 }, { arbitrary: hostileString, weight: 3 });
}

const roles = ['none', 'garbage', 'nul-hall', 'admin', 'supervisor', 'auditor', 'dashboard', 'kiosk', 'queue', 'inspector', 'section', 'window_head'];

interface Probe {
  method: Operation['method'];
  url: string;
  token?: string;
  payload?: string;
  contentType?: string;
}

function requestFor(op: Operation): fc.Arbitrary<Probe> {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p) => p.in === 'query');
  const path = fc.tuple(...pathParams.map((p) => paramValue(p.name, p.schema))).map((values) =>
    pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, encodeSegment(values[i]!)), op.path),
  );
  const query = fc.tuple(...queryParams.map((p) => fc.option(paramValue(p.name, p.schema), { freq: 2 }))).map((values) =>
    queryParams.flatMap((p, i) => (values[i] === null ? [] : [`${p.name}=${encodeSegment(values[i]!)}`])).join('&'),
  );
  const body: fc.Arbitrary<Pick<Probe, 'payload' | 'contentType'>> = op.body
    ? fc.oneof(
        { arbitrary: schemas.value(op.body).map((v) => ({ payload: JSON.stringify(v), contentType: 'application/json' })), weight: 8 },
        {
          arbitrary: fc.constantFrom(
            { payload: '{"events":[', contentType: 'application/json' },
            { payload: '{"name":"a","name":"b","assessmentStartsOn":"2026-09-01","assessmentStartsOn":"x"}', contentType: 'application/json' },
            { payload: `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, contentType: 'application/json' },
            { payload: '{"events":[{"id":"e1","occurredAt":1e999}]}', contentType: 'application/json' },
            { payload: '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}', contentType: 'application/json' },
            { payload: 'name=a', contentType: 'application/x-www-form-urlencoded' },
            { payload: '{"name":"a"}', contentType: 'text/plain' },
            { payload: '{"name":"a"}', contentType: 'application/json; charset=latin1' },
            { payload: '', contentType: 'application/json' },
            { payload: 'null', contentType: 'application/json' },
          ),
          weight: 2,
        },
      )
    : fc.constantFrom({}, { payload: '{"unexpected":true}', contentType: 'application/json' });
  return fc.record({ path, query, body, role: fc.constantFrom(...roles) }).map(({ path: p, query: q, body: b, role }) => ({
    method: op.method,
    url: q ? `${p}?${q}` : p,
    token: tokens[role],
    ...b,
  }));
}

async function send(probe: Probe) {
  return t.app.inject({
    method: probe.method,
    url: probe.url,
    headers: {
      ...(probe.token === undefined ? {} : { authorization: `Bearer ${probe.token}` }),
      ...(probe.contentType === undefined ? {} : { 'content-type': probe.contentType }),
    },
    ...(probe.payload === undefined ? {} : { payload: probe.payload }),
  });
}

/** The invariants every answer keeps; a refused request wrote nothing. */
async function checkAnswer(probe: Probe): Promise<void> {
  const before = await writtenState();
  const res = await send(probe);
  const where = `${probe.method} ${probe.url} (${res.statusCode}) ${res.body.slice(0, 300)}`;
  expect(res.statusCode, where).toBeLessThan(500);
  if (res.statusCode >= 400) {
    expect(res.headers['content-type'], where).toContain('application/problem+json');
    const body = JSON.parse(res.body) as { status?: unknown; type?: unknown; title?: unknown };
    expect(body.status, where).toBe(res.statusCode);
    expect(typeof body.type, where).toBe('string');
    expect(typeof body.title, where).toBe('string');
    expect(await writtenState(), where).toBe(before);
  }
}

beforeAll(async () => {
  t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '0' } });
  hall = await createHall(t, { assessmentStartsOn: '2026-09-01' });
  await hall.post(organisationEvents());
  await hall.post([
    { id: 'r-1', type: 'RatingSubmitted', occurredAt: '2026-11-20T10:00:00+08:00', data: { ratingId: 'r-1', level: 2, channel: 'kiosk', windowId: 'w1', contact: '138' } },
  ]);
  const client = async (role: string, extra: Record<string, unknown> = {}) => {
    const res = await hall.admin.post(`/v1/halls/${hall.hallId}/clients`, { name: `${role} fuzz`, role, ...extra });
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.data.token as string;
  };
  Object.assign(tokens, {
    none: undefined,
    garbage: 'hat_not.a.token',
    'nul-hall': `hat_${Buffer.from('\u0000h', 'utf8').toString('base64url')}.c_x.${'A'.repeat(43)}`,
    admin: ADMIN_TOKEN,
    supervisor: hall.supervisor.token,
    auditor: await client('auditor'),
    dashboard: await client('dashboard'),
    kiosk: await client('kiosk', { windowId: 'w1' }),
    queue: await client('queue'),
    inspector: await client('inspector'),
    section: await client('section', { section: 'supervision' }),
    window_head: await client('window_head', { windowId: 'w1' }),
  });
});
afterAll(() => t?.close());

describe('hostile input to every operation of the OpenAPI document', () => {
  it('covers every operation of the document', () => {
    expect(operations.length).toBeGreaterThan(30);
  });

  for (const op of operations) {
    it(`${op.method} ${op.path}: no 5xx, problem bodies, nothing written on 4xx`, async () => {
      // Bounded and seeded per run by fast-check; a failure prints the seed and the shrunk request.
      await fc.assert(fc.asyncProperty(requestFor(op), checkAnswer), { numRuns: RUNS, endOnFailure: true });
    });
  }

  it('the known cases: NUL in a path segment, an oversized body, a lone surrogate in a field', async () => {
    await checkAnswer({ method: 'GET', url: `/v1/halls/${hall.hallId}/periods/2026-09/windows/%00x`, token: ADMIN_TOKEN });
    await checkAnswer({ method: 'GET', url: `/v1/halls/${hall.hallId}/periods/2026-09/windows/%00x/score`, token: ADMIN_TOKEN });
    const nul = await send({ method: 'GET', url: `/v1/halls/${hall.hallId}/periods/2026-09/windows/%00x`, token: ADMIN_TOKEN });
    expect(nul.statusCode).toBe(422);
    expect(JSON.parse(nul.body).errors).toEqual([{ path: '/windowId', message: expect.stringContaining('NUL') }]);

    const big = JSON.stringify({ events: [{ id: 'big', type: 'RatingSubmitted', occurredAt: '2026-11-20T10:00:00+08:00', data: { comment: 'x'.repeat(BODY_LIMIT) } }] });
    const before = await writtenState();
    const tooLarge = await send({ method: 'POST', url: `/v1/halls/${hall.hallId}/events`, token: ADMIN_TOKEN, payload: big, contentType: 'application/json' });
    expect(tooLarge.statusCode).toBe(413);
    expect(JSON.parse(tooLarge.body)).toMatchObject({ status: 413, code: 'BODY_TOO_LARGE' });
    expect(await writtenState()).toBe(before);

    const lone = JSON.stringify({ events: [{ id: 'lone', type: 'RatingSubmitted', occurredAt: '2026-11-20T10:00:00+08:00', data: { ratingId: 'lone', level: 3, channel: 'kiosk', windowId: 'w1', comment: 'a\uD800' } }] });
    const refused = await send({ method: 'POST', url: `/v1/halls/${hall.hallId}/events`, token: ADMIN_TOKEN, payload: lone, contentType: 'application/json' });
    expect(refused.statusCode).toBe(422);
    expect(JSON.parse(refused.body).errors).toEqual([{ path: '/events/0/data/comment', message: expect.any(String) }]);
    expect(await writtenState()).toBe(before);
  });
});
