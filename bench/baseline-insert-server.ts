import Fastify from 'fastify';
import pg from 'pg';
import { z } from 'zod';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { appendRequest } from '@hall/contracts';

/**
 * The ingest benchmark's baselines, on the same database as the service:
 *   - POST /one: what issue 18 calls "a validated fastify POST + INSERT" — the body is validated with the
 *     project's own zod append schema (`appendRequest`, every event type's strict data schema) through
 *     fastify-type-provider-zod, as a plain vendor's route would, then one INSERT of the first event into a
 *     bare table (autocommit, the same synchronous commit as the service). The single-event goal (≥ 0.85×)
 *     is measured against this route.
 *   - POST /floor: the same INSERT with no validation at all (the floor; printed for comparison only).
 *   - POST /batch: one multi-row INSERT per batch, no validation (the raw rate the batch goal is against).
 * No lock, no hash, no position, no reference check: a baseline, not a store.
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL ?? 10) });
await pool.query('CREATE TABLE IF NOT EXISTS bench_baseline (id text PRIMARY KEY, type text, occurred_at timestamptz, data jsonb)');
const app = Fastify({ bodyLimit: 8 * 1024 * 1024 }).withTypeProvider<ZodTypeProvider>();
app.setValidatorCompiler(validatorCompiler);
app.setSerializerCompiler(serializerCompiler);
type Row = { id: string; type: string; occurredAt: string; data: unknown };
const insertOne = (e: Row) =>
  pool.query({ name: 'one', text: 'INSERT INTO bench_baseline (id, type, occurred_at, data) VALUES ($1, $2, $3, $4)', values: [e.id, e.type, e.occurredAt, e.data] });
app.post('/one', { schema: { body: appendRequest, response: { 200: z.object({ ok: z.boolean() }) } } }, async (request) => {
  await insertOne(request.body.events[0]!);
  return { ok: true };
});
app.post('/floor', async (request) => {
  await insertOne((request.body as { events: Row[] }).events[0]!);
  return { ok: true };
});
app.post('/batch', async (request) => {
  const { events } = request.body as { events: Row[] };
  const values: unknown[] = [];
  const rows = events.map((e, i) => {
    values.push(e.id, e.type, e.occurredAt, JSON.stringify(e.data));
    return `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`;
  });
  await pool.query(`INSERT INTO bench_baseline (id, type, occurred_at, data) VALUES ${rows.join(',')}`, values);
  return { ok: true };
});
app.get('/health/live', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', async () => {
  await app.close();
  await pool.end();
  process.exit(0);
});
