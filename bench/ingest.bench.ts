/**
 * pnpm bench:ingest — appends over HTTP against a same-run baseline (issue 3).
 *
 * Starts the service on the local PostgreSQL (a fresh database) and a bare
 * Fastify INSERT server on the same database, then measures, interleaved:
 *   - single-event appends at 8 and 32 concurrent clients (events/s, p50/p99)
 *     vs. a validated POST + INSERT: the baseline validates the body with the
 *     project's own zod append schema through fastify-type-provider-zod, then
 *     INSERTs (the goal line, issue 18); and vs. the unvalidated INSERT (the
 *     floor, printed for comparison);
 *   - 500-event batches vs. raw 500-row multi-row INSERTs.
 * Figures and ratios are printed last. `--seconds N` sets each run's length;
 * `--profile DIR` writes the service's CPU profile (node --cpu-prof) into DIR;
 * `--only single|batch` runs one half.
 */
import { randomBytes } from 'node:crypto';
import { PROJECTION } from '@hall/assessment';
import { connect } from '@hall/event-store';
import { progressOf } from '@hall/projections';
import { parseArgs } from 'node:util';
import { closedLoop, type LoadResult } from './lib/load.ts';
import { admin, adminUrl, databaseUrl } from './lib/admin-db.ts';
import { backendPids, cpuMeter } from './lib/cpu-time.ts';
import { startServer, stopServer } from './lib/child-server.ts';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '6' }, url: { type: 'string' }, profile: { type: 'string' }, only: { type: 'string' } } });
// `--only single|batch` runs one half (to profile one path; its ratios are still same-run pairs).
const only = args.only;
const seconds = Number(args.seconds);
const dbName = `bench_ingest_${randomBytes(4).toString('hex')}`;
const dbUrl = databaseUrl(dbName);
const ADMIN = 'bench-admin-token-0123456789';
// BENCH_PORT moves both servers (two people benching on one machine must not answer each other's ready checks).
const SERVICE_PORT = Number(process.env.BENCH_PORT ?? 3201);
const BASELINE_PORT = SERVICE_PORT + 1;


async function api(path: string, token: string, body: unknown) {
  const res = await fetch(`http://127.0.0.1:${SERVICE_PORT}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<any>;
}

const run = randomBytes(3).toString('hex');
const ticket = (i: number) => ({
  id: `t-${run}-${i}`,
  type: 'TicketIssued',
  occurredAt: new Date(Date.now() - 60_000).toISOString(),
  data: { ticketId: `t-${run}-${i}`, number: `A${i % 1000}`, serviceItemId: 'item1' },
});
const batch = (i: number) => JSON.stringify({ events: Array.from({ length: 500 }, (_, j) => ticket(i * 500 + j + 1e9)) });

await admin(`CREATE DATABASE ${dbName}`);
const service = await startServer('services/api/src/server.ts', { DATABASE_URL: dbUrl, ADMIN_TOKEN: ADMIN, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', DATA_DIR: `/tmp/${dbName}` }, SERVICE_PORT, '/health/ready', args.profile ? ['--cpu-prof', '--cpu-prof-dir', args.profile] : []);
const baseline = await startServer('bench/baseline-insert-server.ts', { DATABASE_URL: dbUrl }, BASELINE_PORT, '/health/live');
type Cpu = Record<string, number>;
const results: Array<{ name: string; service: LoadResult; baseline: LoadResult; unit: number; serviceCpu: Cpu; baselineCpu: Cpu; floor?: LoadResult }> = [];
/**
 * Runs a load and reads the CPU it cost: the node process serving it and the
 * PostgreSQL backends of the bench's database (only one server is loaded at
 * a time; the service's background work after an append counts as its own).
 */
async function measured(pid: number | undefined, load: () => Promise<LoadResult>): Promise<[LoadResult, Cpu]> {
  const read = await cpuMeter({ node: async () => (pid ? [pid] : []), postgres: () => backendPids(adminUrl, dbName) });
  const result = await load();
  return [result, await read()];
}
/**
 * How long after the last acknowledged append the score views reach the
 * hall's head: a projection that fell behind during the run shows here (its
 * work is not hidden past the end of the measurement).
 */
async function viewsCaughtUp(hallId: string): Promise<number> {
  const store = await connect({ databaseUrl: dbUrl, dataDir: '' });
  const started = performance.now();
  try {
    for (;;) {
      const progress = await progressOf(store.db, hallId, PROJECTION.name);
      if (progress && progress.checkpoint >= progress.head) return performance.now() - started;
      if (performance.now() - started > 120_000) throw new Error('the score views did not reach the head within 120 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await store.close();
  }
}
let catchUpMs = Number.NaN;
try {
  const hall = await api('/v1/halls', ADMIN, { name: 'bench', assessmentStartsOn: '2026-01-01', autoAdvance: false });
  const queue = (await api(`/v1/halls/${hall.id}/clients`, ADMIN, { name: 'queue', role: 'queue' })).token as string;
  await api(`/v1/halls/${hall.id}/events`, ADMIN, {
    events: [
      { id: 'dep', type: 'DepartmentRegistered', occurredAt: '2026-01-01T00:00:00Z', data: { departmentId: 'dep1', name: 'd' } },
      { id: 'item', type: 'ServiceItemRegistered', occurredAt: '2026-01-01T00:00:00Z', data: { serviceItemId: 'item1', name: 'i', departmentId: 'dep1', committedWorkingDays: 3 } },
    ],
  });
  const headers = { authorization: `Bearer ${queue}`, 'content-type': 'application/json' };
  let n = 0;
  const one = () => JSON.stringify({ events: [ticket(n++)] });
  const servicePath = `/v1/halls/${hall.id}/events`;
  // Warm both up (JIT, pools, prepared statements).
  await closedLoop({ port: SERVICE_PORT, path: servicePath, headers, body: one, concurrency: 8, seconds: 1 });
  await closedLoop({ port: BASELINE_PORT, path: '/one', headers, body: one, concurrency: 8, seconds: 1 });
  for (const concurrency of only === 'batch' ? [] : [8, 32]) {
    const [b, baselineCpu] = await measured(baseline.pid, () => closedLoop({ port: BASELINE_PORT, path: '/one', headers, body: one, concurrency, seconds }));
    const [s, serviceCpu] = await measured(service.pid, () => closedLoop({ port: SERVICE_PORT, path: servicePath, headers, body: one, concurrency, seconds }));
    const floor = await closedLoop({ port: BASELINE_PORT, path: '/floor', headers, body: one, concurrency, seconds });
    results.push({ name: `single event, c=${concurrency}`, service: s, baseline: b, unit: 1, serviceCpu, baselineCpu, floor });
  }
  let k = 0;
  const next = () => batch(k++);
  if (only !== 'single') {
    const [bb, baselineCpu] = await measured(baseline.pid, () => closedLoop({ port: BASELINE_PORT, path: '/batch', headers, body: next, concurrency: 2, seconds }));
    const [sb, serviceCpu] = await measured(service.pid, () => closedLoop({ port: SERVICE_PORT, path: servicePath, headers, body: next, concurrency: 2, seconds }));
    results.push({ name: '500-event batches, c=2', service: sb, baseline: bb, unit: 500, serviceCpu, baselineCpu });
  }
  catchUpMs = await viewsCaughtUp(hall.id);
} finally {
  await stopServer(service);
  await stopServer(baseline);
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}

const fmt = (x: number) => x.toFixed(x < 10 ? 2 : 0);
console.log('\ningest over HTTP on the local PostgreSQL (closed loop, same run)');
for (const r of results) {
  console.log(
    `${r.name.padEnd(26)} service ${fmt(r.service.perSecond * r.unit).padStart(8)} events/s  p50 ${fmt(r.service.p50ms)} ms  p99 ${fmt(r.service.p99ms)} ms  errors ${r.service.errors}` +
      `  | baseline ${fmt(r.baseline.perSecond * r.unit).padStart(8)} events/s  p50 ${fmt(r.baseline.p50ms)} ms  p99 ${fmt(r.baseline.p99ms)} ms`,
  );
}
// CPU per event does not swing with the machine's load the way events/s does.
const perEvent = (cpu: Cpu, r: LoadResult, unit: number) => {
  const events = r.requests * unit;
  return events > 0 ? `node ${fmt((cpu.node * 1000) / events).padStart(5)} µs + postgres ${fmt((cpu.postgres * 1000) / events).padStart(5)} µs` : 'n/a';
};
console.log('\nCPU per event (user + system, from /proc; 10 ms resolution)');
for (const r of results) {
  console.log(`${r.name.padEnd(26)} service ${perEvent(r.serviceCpu, r.service, r.unit)}  | baseline ${perEvent(r.baselineCpu, r.baseline, r.unit)}`);
}
console.log(`\nscore views at the head ${fmt(catchUpMs)} ms after the last acknowledged append`);
console.log('\nratios (service / baseline; goals: single ≥ 0.85 of the validated POST + INSERT, batch ≥ 0.50 of raw INSERTs)');
for (const r of results) {
  const floor = r.floor ? `   (vs. the unvalidated floor, ${fmt(r.floor.perSecond)} events/s p50 ${fmt(r.floor.p50ms)} ms: ${(r.service.perSecond / r.floor.perSecond).toFixed(2)})` : '';
  console.log(`${r.name.padEnd(26)} ${(r.service.perSecond / r.baseline.perSecond).toFixed(2)}${floor}`);
}
