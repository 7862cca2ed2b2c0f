import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect, migrateToLatest, createHall } from '../../packages/event-store/src/index.ts';
import { appendEvents as newAppend } from '../../packages/event-store/src/append-events.ts';
import { appendEvents as oldAppend } from '../../packages/event-store/src/zz-orig-append.ts';
import { schemaVersions } from '../../packages/contracts/src/index.ts';
const admin = 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `probe_${randomBytes(3).toString('hex')}`;
const c = new pg.Client(admin); await c.connect(); await c.query(`create database ${name}`);
const store = await connect({ databaseUrl: admin.replace(/postgres$/, name), dataDir: '/tmp/x' });
const size = Number(process.argv[2] ?? 500), conc = Number(process.argv[3] ?? 2), secs = Number(process.argv[4] ?? 4);
try {
  await migrateToLatest(store.db);
  const now = new Date();
  await store.db.transaction().execute((trx) => createHall(trx, { hallId: 'h1', name: 'h', timezone: 'Asia/Shanghai', assessmentStartsOn: '2026-01-01', autoAdvance: false }, now));
  const base = { hallId: 'h1', clientId: 'c', now, schemaVersions };
  await newAppend(store.db, { ...base, events: [
    { id: 'dep', type: 'DepartmentRegistered', occurredAt: '2026-01-01T00:00:00Z', data: { departmentId: 'dep1', name: 'd' } },
    { id: 'item', type: 'ServiceItemRegistered', occurredAt: '2026-01-01T00:00:00Z', data: { serviceItemId: 'item1', name: 'i', departmentId: 'dep1', committedWorkingDays: 3 } }] });
  let n = 0;
  const ticket = () => { const i = n++; return { id: `t-${i}`, type: 'TicketIssued', occurredAt: new Date(Date.now() - 60_000).toISOString(), data: { ticketId: `t-${i}`, number: `A${i % 1000}`, serviceItemId: 'item1' } }; };
  for (const round of [1, 2, 3]) for (const [label, f] of [['old', oldAppend], ['new', newAppend]] as const) {
    let events = 0; const deadline = performance.now() + secs * 1000; const t0 = performance.now();
    await Promise.all(Array.from({ length: conc }, async () => { while (performance.now() < deadline) { const r = await f(store.db, { ...base, events: Array.from({ length: size }, ticket) }); if (!r.ok) throw new Error('x'); events += size; } }));
    console.log(round, label, `size ${size} c=${conc}`, Math.round(events / ((performance.now() - t0) / 1000)), 'events/s');
  }
} finally { await store.close(); await c.query(`drop database ${name} with (force)`); await c.end(); process.exit(0); }
