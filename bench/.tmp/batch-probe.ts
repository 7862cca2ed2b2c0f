import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect, migrateToLatest, appendEvents, createHall } from '/work/main/packages/event-store/src/index.ts';
import { schemaVersions } from '/work/main/packages/contracts/src/index.ts';
const admin = 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `probe_${randomBytes(3).toString('hex')}`;
const c = new pg.Client(admin); await c.connect(); await c.query(`create database ${name}`);
const store = await connect({ databaseUrl: admin.replace(/postgres$/, name), dataDir: '/tmp/x' });
try {
  await migrateToLatest(store.db);
  const now = new Date();
  await store.db.transaction().execute((trx) => createHall(trx, { hallId: 'h1', name: 'h', timezone: 'Asia/Shanghai', assessmentStartsOn: '2026-01-01', autoAdvance: false }, now));
  const base = { hallId: 'h1', clientId: 'c', now, schemaVersions };
  const r0 = await appendEvents(store.db, { ...base, events: [
    { id: 'dep', type: 'DepartmentRegistered', occurredAt: '2026-01-01T00:00:00Z', data: { departmentId: 'dep1', name: 'd' } },
    { id: 'item', type: 'ServiceItemRegistered', occurredAt: '2026-01-01T00:00:00Z', data: { serviceItemId: 'item1', name: 'i', departmentId: 'dep1', committedWorkingDays: 3 } }] });
  if (!r0.ok) throw new Error(JSON.stringify(r0));
  const ticket = (i: number) => ({ id: `t-${i}`, type: 'TicketIssued', occurredAt: new Date(Date.now() - 60_000).toISOString(), data: { ticketId: `t-${i}`, number: `A${i % 1000}`, serviceItemId: 'item1' } });
  const size = Number(process.argv[2] ?? 500);
  const times: number[] = [];
  for (let k = 0; k < 12; k++) {
    const t0 = performance.now();
    const r = await appendEvents(store.db, { ...base, events: Array.from({ length: size }, (_, j) => ticket(k * size + j)) });
    if (!r.ok) throw new Error(JSON.stringify(r));
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`size ${size}: median ${times[6].toFixed(1)} ms, min ${times[0].toFixed(1)} ms`);
} finally { if (process.env.KEEP) console.log(name); else { await store.close(); await c.query(`drop database ${name} with (force)`); } await c.end(); process.exit(0); }
