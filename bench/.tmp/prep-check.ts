import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { connect, migrateToLatest, createHall, appendEvents } from '../../packages/event-store/src/index.ts';
import { schemaVersions } from '../../packages/contracts/src/index.ts';
const admin = 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `probe_${randomBytes(3).toString('hex')}`;
const c = new pg.Client(admin); await c.connect(); await c.query(`create database ${name}`);
const store = await connect({ databaseUrl: admin.replace(/postgres$/, name), dataDir: '/tmp/x', poolSize: 1 });
try {
  await migrateToLatest(store.db);
  const now = new Date();
  await store.db.transaction().execute((trx) => createHall(trx, { hallId: 'h1', name: 'h', timezone: 'Asia/Shanghai', assessmentStartsOn: '2026-01-01', autoAdvance: false }, now));
  for (const i of [1, 2, 3]) await appendEvents(store.db, { hallId: 'h1', clientId: 'c', now, schemaVersions, events: [{ id: `d${i}`, type: 'DepartmentRegistered', occurredAt: '2026-01-01T00:00:00Z', data: { departmentId: `dep${i}`, name: 'd' } }] });
  for (const i of [1, 2, 3]) await appendEvents(store.db, { hallId: 'h1', clientId: 'c', now, schemaVersions, events: [{ id: `s${i}`, type: 'StaffRegistered', occurredAt: '2026-01-01T00:00:00Z', data: { staffId: `st${i}`, name: 'd', departmentId: 'dep1' } }] });
  const r = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(store.db);
  console.log(r.rows.map((x) => x.name));
} finally { await store.close(); await c.query(`drop database ${name} with (force)`); await c.end(); process.exit(0); }
