/**
 * pnpm bench:mixed — reads and ingest under a month close, beside an idle run.
 *
 * Starts the service on the local PostgreSQL (a fresh database), seeds a
 * closed month of history (November: tickets called at ten windows), then
 * measures in one run:
 *   - idle: dashboards reading score documents alone (closed loop), and
 *     single-event ingest at a steady rate alone (open loop);
 *   - mixed: both at once while November is closed (collecting →
 *     preliminary → final, each publication scoring the whole month).
 * Prints read p99 and ingest p99 of each, then mixed / idle ratios last.
 * `--seconds N` sets each phase's length, `--rate N` the ingest rate (events/s).
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { closedLoop, type LoadResult } from './lib/load.ts';
import { steadyRate } from './lib/steady-rate.ts';
import { admin, databaseUrl } from './lib/admin-db.ts';
import { startServer, stopServer } from './lib/child-server.ts';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '8' }, rate: { type: 'string', default: '100' } } });
const seconds = Number(args.seconds);
const rate = Number(args.rate);
const dbName = `bench_mixed_${randomBytes(4).toString('hex')}`;
const ADMIN = 'bench-admin-token-0123456789';
const PORT = 3203;
const MONTH = '2026-11';
const WINDOWS = Array.from({ length: 10 }, (_, i) => `w${i + 1}`);
const SEED_BATCHES = 20;

async function api(method: 'GET' | 'POST', path: string, body?: unknown) {
  const res = await fetch(`http://127.0.0.1:${PORT}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<any>;
}

const run = randomBytes(3).toString('hex');
const organisation = [
  { id: 'dep', type: 'DepartmentRegistered', occurredAt: '2026-11-01T00:00:00+08:00', data: { departmentId: 'dep1', name: 'd' } },
  { id: 'item', type: 'ServiceItemRegistered', occurredAt: '2026-11-01T00:00:00+08:00', data: { serviceItemId: 'item1', name: 'i', departmentId: 'dep1', committedWorkingDays: 3 } },
  ...WINDOWS.flatMap((w, i) => [
    { id: `open-${w}`, type: 'WindowOpened', occurredAt: '2026-11-01T00:00:00+08:00', data: { windowId: w, number: String(i + 1), name: w, departmentId: 'dep1', kind: i % 2 ? 'public_service' : 'approval' } },
    { id: `staff-${w}`, type: 'StaffRegistered', occurredAt: '2026-11-01T00:00:00+08:00', data: { staffId: `s-${w}`, name: w, departmentId: 'dep1' } },
  ]),
];
/** November history: a ticket issued and called at a window, spread over the month's working hours. */
const seedBatch = (b: number) =>
  Array.from({ length: 250 }, (_, j) => {
    const n = b * 250 + j;
    const w = WINDOWS[n % WINDOWS.length]!;
    const day = String(3 + (n % 25)).padStart(2, '0');
    const at = `2026-11-${day}T${String(9 + (n % 8)).padStart(2, '0')}:00:00+08:00`;
    return [
      { id: `seed-i-${n}`, type: 'TicketIssued', occurredAt: at, data: { ticketId: `seed-${n}`, number: `A${n % 1000}`, serviceItemId: 'item1' } },
      { id: `seed-c-${n}`, type: 'TicketCalled', occurredAt: at, data: { ticketId: `seed-${n}`, windowId: w, staffId: `s-${w}` } },
    ];
  }).flat();
const liveTicket = (i: number) =>
  JSON.stringify({ events: [{ id: `live-${run}-${i}`, type: 'TicketIssued', occurredAt: new Date().toISOString(), data: { ticketId: `live-${run}-${i}`, number: `B${i % 1000}`, serviceItemId: 'item1' } }] });

await admin(`CREATE DATABASE ${dbName}`);
const service = await startServer('services/api/src/server.ts', { DATABASE_URL: databaseUrl(dbName), ADMIN_TOKEN: ADMIN, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', DATA_DIR: `/tmp/${dbName}` }, PORT, '/health/ready');
const rows: Array<{ phase: string; reads: LoadResult; ingest: LoadResult; closeMs?: number }> = [];
try {
  const hall = await api('POST', '/v1/halls', { name: 'bench', assessmentStartsOn: '2026-11-01', autoAdvance: false });
  const queue = (await api('POST', `/v1/halls/${hall.id}/clients`, { name: 'queue', role: 'queue' })).token as string;
  await api('POST', `/v1/halls/${hall.id}/events`, { events: organisation });
  for (let b = 0; b < SEED_BATCHES; b += 1) await api('POST', `/v1/halls/${hall.id}/events`, { events: seedBatch(b) });

  let w = 0;
  const readPath = () => `/v1/halls/${hall.id}/periods/${MONTH}/windows/${WINDOWS[w++ % WINDOWS.length]}`;
  const reads = (s: number) => closedLoop({ port: PORT, path: readPath(), pathOf: readPath, method: 'GET', headers: { authorization: `Bearer ${ADMIN}` }, body: () => '', concurrency: 4, seconds: s });
  let n = 0;
  const ingestPath = `/v1/halls/${hall.id}/events`;
  const ingest = (s: number) => steadyRate({ port: PORT, path: ingestPath, headers: { authorization: `Bearer ${queue}`, 'content-type': 'application/json' }, body: () => liveTicket(n++), perSecond: rate, seconds: s });

  // Warm up (JIT, pools, prepared statements, the month's projection caught up).
  await reads(1);
  await ingest(1);

  const idleReads = await reads(seconds);
  const idleIngest = await ingest(seconds);
  rows.push({ phase: 'idle', reads: idleReads, ingest: idleIngest });

  const closing = (async () => {
    const t0 = performance.now();
    for (const to of ['collecting', 'preliminary', 'final']) await api('POST', `/v1/halls/${hall.id}/periods/${MONTH}/transitions`, { to });
    return performance.now() - t0;
  })();
  const [mixedReads, mixedIngest, closeMs] = await Promise.all([reads(seconds), ingest(seconds), closing]);
  rows.push({ phase: 'mixed (month closing)', reads: mixedReads, ingest: mixedIngest, closeMs });
  // The same load once the month is final: tells a slow close (locks, CPU while it runs) from slower reads of a final month.
  const [afterReads, afterIngest] = await Promise.all([reads(seconds), ingest(seconds)]);
  rows.push({ phase: 'after (month final)', reads: afterReads, ingest: afterIngest });
} finally {
  await stopServer(service);
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}

const fmt = (x: number) => x.toFixed(x < 10 ? 2 : 0);
console.log(`\nmixed load on the local PostgreSQL: ${SEED_BATCHES * 500} November events seeded, reads c=4 (score documents), ingest ${rate} events/s, ${seconds} s per phase`);
for (const r of rows) {
  console.log(
    `${r.phase.padEnd(22)} reads ${fmt(r.reads.perSecond).padStart(6)}/s p50 ${fmt(r.reads.p50ms)} ms p99 ${fmt(r.reads.p99ms)} ms errors ${r.reads.errors}` +
      `  | ingest ${fmt(r.ingest.perSecond).padStart(5)}/s p50 ${fmt(r.ingest.p50ms)} ms p99 ${fmt(r.ingest.p99ms)} ms errors ${r.ingest.errors}` +
      (r.closeMs === undefined ? '' : `  | close ${fmt(r.closeMs)} ms`),
  );
}
const [idle, mixed, after] = rows;
if (idle && mixed) {
  console.log('\nratios (mixed / idle p99)');
  console.log(`read p99    ${(mixed.reads.p99ms / idle.reads.p99ms).toFixed(2)}`);
  console.log(`ingest p99  ${(mixed.ingest.p99ms / idle.ingest.p99ms).toFixed(2)}`);
  if (after) console.log(`after the close: read p99 ${(after.reads.p99ms / idle.reads.p99ms).toFixed(2)}, ingest p99 ${(after.ingest.p99ms / idle.ingest.p99ms).toFixed(2)} (× idle)`);
}
