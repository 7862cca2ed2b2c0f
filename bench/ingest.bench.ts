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
 * Figures and ratios are printed last; as each round ends its ratios and the
 * service's node CPU per event go to stderr (a drift across rounds shows
 * there, decision 1921). `--seconds N` sets each run's length;
 * `--rounds N` (default 4, an even number so each order counts as often,
 * decision 1911) repeats every pair, the order of service and baseline
 * swapped each round, and prints each round's ratio and their median (one
 * pair on this shared machine swings by ±15 %, decision 1893); both servers
 * are warmed up on every load shape first (`--warmup S` seconds each);
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

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '6' },
    rounds: { type: 'string', default: '4' },
    warmup: { type: 'string', default: '3' },
    url: { type: 'string' },
    profile: { type: 'string' },
    only: { type: 'string' },
  },
});
// `--only single|batch` runs one half (to profile one path; its ratios are still same-run pairs).
const only = args.only;
const seconds = Number(args.seconds);
const rounds = Number(args.rounds);
if (!(Number.isInteger(rounds) && rounds >= 1)) throw new Error(`--rounds must be a whole number ≥ 1, not ${args.rounds}`);
const warmup = Number(args.warmup);
if (!(warmup >= 0)) throw new Error(`--warmup must be a number of seconds ≥ 0, not ${args.warmup}`);
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
/** One round of one load: the service and its baseline, measured one right after the other. */
interface Pair {
  service: LoadResult;
  baseline: LoadResult;
  serviceCpu: Cpu;
  baselineCpu: Cpu;
  floor?: LoadResult;
}
/** Per load (in the order first run): its rounds. */
const results = new Map<string, { unit: number; pairs: Pair[] }>();
function record(name: string, unit: number, pair: Pair): void {
  const known = results.get(name) ?? results.set(name, { unit, pairs: [] }).get(name)!;
  known.pairs.push(pair);
}
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
const fmt = (x: number) => x.toFixed(x < 10 ? 2 : 0);
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
  let k = 0;
  const next = () => batch(k++);
  // Warm both up on every load shape measured (JIT, pools, prepared statements, heap sizes): a first round
  // that still compiles and grows its heap measured the service at up to a third more CPU per event (1911).
  if (warmup > 0) {
    const servers = [
      { port: SERVICE_PORT, single: servicePath, batch: servicePath },
      { port: BASELINE_PORT, single: '/one', batch: '/batch' },
    ];
    for (const { port, single, batch } of servers) {
      if (only !== 'batch') await closedLoop({ port, path: single, headers, body: one, concurrency: 8, seconds: warmup });
      if (only !== 'single') await closedLoop({ port, path: batch, headers, body: next, concurrency: 2, seconds: warmup });
    }
  }
  /** The service and the baseline one after the other, the service first in odd rounds (drift of the machine cancels out). */
  async function pair(round: number, loadService: () => Promise<LoadResult>, loadBaseline: () => Promise<LoadResult>): Promise<Pair> {
    const serviceFirst = round % 2 === 1;
    const baselineBefore = serviceFirst ? undefined : await measured(baseline.pid, loadBaseline);
    const [s, serviceCpu] = await measured(service.pid, loadService);
    const [b, baselineCpu] = baselineBefore ?? (await measured(baseline.pid, loadBaseline));
    return { service: s, baseline: b, serviceCpu, baselineCpu };
  }
  for (let round = 0; round < rounds; round += 1) {
    for (const concurrency of only === 'batch' ? [] : [8, 32]) {
      const measuredPair = await pair(
        round,
        () => closedLoop({ port: SERVICE_PORT, path: servicePath, headers, body: one, concurrency, seconds }),
        () => closedLoop({ port: BASELINE_PORT, path: '/one', headers, body: one, concurrency, seconds }),
      );
      const floor = await closedLoop({ port: BASELINE_PORT, path: '/floor', headers, body: one, concurrency, seconds });
      record(`single event, c=${concurrency}`, 1, { ...measuredPair, floor });
    }
    if (only !== 'single') {
      const measuredPair = await pair(
        round,
        () => closedLoop({ port: SERVICE_PORT, path: servicePath, headers, body: next, concurrency: 2, seconds }),
        () => closedLoop({ port: BASELINE_PORT, path: '/batch', headers, body: next, concurrency: 2, seconds }),
      );
      record('500-event batches, c=2', 500, measuredPair);
    }
    // Each round's ratios as it ends: a drift across rounds (a hall-month growing, a neighbour's load) shows here.
    const roundRatios = [...results].map(([name, { unit, pairs }]) => {
      const p = pairs[round]!;
      const nodeUs = (p.serviceCpu.node * 1000) / (p.service.requests * unit);
      return `${name.split(',')[1]?.trim() ?? name} ${(p.service.perSecond / p.baseline.perSecond).toFixed(2)} (service node ${fmt(nodeUs)} µs/event)`;
    });
    console.error(`round ${round + 1} of ${rounds} done: ${roundRatios.join(', ')}`);
  }
  catchUpMs = await viewsCaughtUp(hall.id);
} finally {
  await stopServer(service);
  await stopServer(baseline);
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const med = (pairs: Pair[], of: (p: Pair) => number) => median(pairs.map(of));
console.log(`\ningest over HTTP on the local PostgreSQL (closed loop, same run; medians of ${rounds} round(s) of ${seconds} s each)`);
for (const [name, { unit, pairs }] of results) {
  console.log(
    `${name.padEnd(26)} service ${fmt(med(pairs, (p) => p.service.perSecond) * unit).padStart(8)} events/s  p50 ${fmt(med(pairs, (p) => p.service.p50ms))} ms  p99 ${fmt(med(pairs, (p) => p.service.p99ms))} ms  errors ${pairs.reduce((n, p) => n + p.service.errors, 0)}` +
      `  | baseline ${fmt(med(pairs, (p) => p.baseline.perSecond) * unit).padStart(8)} events/s  p50 ${fmt(med(pairs, (p) => p.baseline.p50ms))} ms  p99 ${fmt(med(pairs, (p) => p.baseline.p99ms))} ms`,
  );
}
// CPU per event does not swing with the machine's load the way events/s does: summed over the rounds.
const perEvent = (pairs: Pair[], side: 'service' | 'baseline', unit: number) => {
  const events = pairs.reduce((n, p) => n + p[side].requests * unit, 0);
  const cpu = (key: string) => pairs.reduce((n, p) => n + (p[`${side}Cpu`][key] ?? 0), 0);
  return events > 0 ? `node ${fmt((cpu('node') * 1000) / events).padStart(5)} µs + postgres ${fmt((cpu('postgres') * 1000) / events).padStart(5)} µs` : 'n/a';
};
console.log('\nCPU per event (user + system, from /proc; 10 ms resolution; all rounds)');
for (const [name, { unit, pairs }] of results) {
  console.log(`${name.padEnd(26)} service ${perEvent(pairs, 'service', unit)}  | baseline ${perEvent(pairs, 'baseline', unit)}`);
}
console.log(`\nscore views at the head ${fmt(catchUpMs)} ms after the last acknowledged append`);
console.log('\nratios (service / baseline, median of the rounds; goals: single ≥ 0.85 of the validated POST + INSERT, batch ≥ 0.50 of raw INSERTs)');
for (const [name, { pairs }] of results) {
  const ratios = pairs.map((p) => p.service.perSecond / p.baseline.perSecond);
  const floors = pairs.flatMap((p) => (p.floor ? [p.service.perSecond / p.floor.perSecond] : []));
  const floor = floors.length > 0 ? `   (vs. the unvalidated floor: ${median(floors).toFixed(2)})` : '';
  console.log(`${name.padEnd(26)} ${median(ratios).toFixed(2)}   rounds ${ratios.map((r) => r.toFixed(2)).join(' ')}${floor}`);
}
