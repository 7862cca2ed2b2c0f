import Fastify from 'fastify';
import pg from 'pg';

/**
 * The ingest benchmark's baseline: a plain Fastify route doing one INSERT per
 * request into a bare table, and one multi-row INSERT per batch, on the same
 * database as the service. No validation, no lock, no hash: the floor.
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL ?? 10) });
await pool.query('CREATE TABLE IF NOT EXISTS bench_baseline (id text PRIMARY KEY, type text, occurred_at timestamptz, data jsonb)');
const app = Fastify({ bodyLimit: 8 * 1024 * 1024 });
app.post('/one', async (request) => {
  const { events } = request.body as { events: Array<{ id: string; type: string; occurredAt: string; data: unknown }> };
  const e = events[0]!;
  await pool.query({ name: 'one', text: 'INSERT INTO bench_baseline (id, type, occurred_at, data) VALUES ($1, $2, $3, $4)', values: [e.id, e.type, e.occurredAt, e.data] });
  return { ok: true };
});
app.post('/batch', async (request) => {
  const { events } = request.body as { events: Array<{ id: string; type: string; occurredAt: string; data: unknown }> };
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
