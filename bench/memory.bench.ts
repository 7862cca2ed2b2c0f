/**
 * pnpm bench:memory [--per-month N] [--long M]
 *
 * Memory that does not grow with the age of the history (decision 1411):
 * seeds, into a dedicated database on the local PostgreSQL, a hall with one
 * month of queue traffic (N events, default 20,000), one with 12 months of
 * the same traffic (11 final) and one with M months (default 24, M − 1
 * final); the months are made final through the use case (advancePeriod), so
 * each stores its carry-over snapshot. Then one new event is appended to each
 * and, in a FRESH process per hall (lib/memory-child.ts), the first score
 * read is timed (the state is loaded and the new event projected) and the
 * resident memory above the idle process measured (median of three fresh
 * processes). Prints the figures, then
 * the ratios last (goals: 12-month ≤ 1.5 × the 1-month memory and ≤ 2 × its
 * cold read time; the long hall not worse). The database is dropped at the end.
 */
import { advancePeriod, createHall, generateSigner, HallStates } from '@hall/assessment';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import pg from 'pg';
import { admin, databaseUrl } from './lib/admin-db.ts';
import { connect, migrateToLatest } from './lib/store.ts';
import { organisationEvents, queueTraffic, seedRows } from './lib/seed-history.ts';

const { values: args } = parseArgs({ options: { 'per-month': { type: 'string', default: '20000' }, long: { type: 'string', default: '24' } } });
const PER_MONTH = Number(args['per-month']);
const LONG = Number(args.long);
const dbName = `bench_memory_${randomBytes(4).toString('hex')}`;
const dbUrl = databaseUrl(dbName);
const root = fileURLToPath(new URL('../', import.meta.url));
const run = promisify(execFile);
const RUNS = 3;

/** Month k (0 = January 2026) as `YYYY-MM` and its first instant in the hall (08:30 Asia/Shanghai). */
const monthOf = (k: number) => `${2026 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
const monthStart = (k: number) => Date.UTC(2026 + Math.floor(k / 12), k % 12, 1, 0, 30);

interface Reading {
  readMs: number;
  /** Of which loading the state and projecting the new event. */
  loadedMs: number;
  rssMb: number;
  heapMb: number;
  held: number;
  position: number;
  fromMonth: string | null;
}

await admin(`CREATE DATABASE ${dbName}`);
const store = await connect({ databaseUrl: dbUrl, dataDir: '', poolSize: 4 });
const pool = new pg.Pool({ connectionString: dbUrl, max: 2 });
const lines: string[] = [];
try {
  await migrateToLatest(store.db);
  const { signer } = generateSigner();
  const readings = new Map<number, Reading>();
  for (const months of [...new Set([1, 12, LONG])]) {
    const hallId = `memory-${months}`;
    const last = months - 1;
    // The clock of the month still open: late in it, so every earlier month has ended.
    const now = new Date(monthStart(last) + 25 * 86_400_000);
    const halls = new HallStates(store.db, () => now);
    halls.backgroundCatchUp = false;
    await createHall(halls, { hallId, name: hallId, timezone: 'Asia/Shanghai', assessmentStartsOn: '2026-01-01', autoAdvance: false });
    const seedStart = performance.now();
    await seedRows(pool, hallId, organisationEvents(hallId));
    // Month by month, the month before made final once the next is in: the seeding process stays bounded as well.
    for (let k = 0; k < months; k += 1) {
      await seedRows(pool, hallId, queueTraffic(hallId, PER_MONTH, monthStart(k), k * PER_MONTH, 28));
      if (k > 0) {
        const closed = await advancePeriod(halls, signer, hallId, monthOf(k - 1), 'final', 'supervisor', now);
        if (!closed.ok) throw new Error(`${monthOf(k - 1)} of ${hallId} not final: ${closed.error.code} ${closed.error.message}`);
      }
      process.stderr.write(`\r${hallId}: ${k + 1}/${months} months`);
    }
    await halls.caughtUp(hallId); // views projected and checkpointed
    process.stderr.write(` seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s\n`);
    // One new event in the open month (chained in like the seed): the fresh process must load the state and project it before it reads.
    await seedRows(pool, hallId, [
      { id: `${hallId}-late-finding`, type: 'InspectionRecorded', occurredAt: new Date(now.getTime() - 3_600_000).toISOString(), data: { inspectionId: 'late', inspectorId: 'i1', findings: [{ ruleCode: 'HYG_NOT_CLEAN', windowId: 'w01', staffId: 's01' }] } },
    ]);
    await pool.query('analyze');
    // Three fresh processes, the median of each figure (the machine is shared; one run is noisy).
    const runs: Reading[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/lib/memory-child.ts', dbUrl, hallId, monthOf(last), 'w01', now.toISOString()], {
        cwd: root,
        maxBuffer: 1 << 20,
      });
      runs.push(JSON.parse(stdout.trim().split('\n').at(-1)!) as Reading);
    }
    const median = (key: 'readMs' | 'rssMb' | 'heapMb') => runs.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
    const reading: Reading = { ...runs[0]!, readMs: median('readMs'), rssMb: median('rssMb'), heapMb: median('heapMb') };
    readings.set(months, reading);
    lines.push(
      `  ${String(months).padStart(2)} month(s), ${reading.position.toLocaleString('en-US').padStart(9)} events: cold read ${reading.readMs.toFixed(0).padStart(6)} ms (load ${reading.loadedMs.toFixed(0)}), ` +
        `RSS +${reading.rssMb.toFixed(1)} MB, heap +${reading.heapMb.toFixed(1)} MB, events held ${reading.held.toLocaleString('en-US')} (from ${reading.fromMonth ?? 'the start'})`,
    );
  }
  const one = readings.get(1)!;
  const ratio = (m: number, key: 'rssMb' | 'readMs') => (readings.get(m)![key] / one[key]).toFixed(2);
  lines.unshift('', `memory bench: ${PER_MONTH.toLocaleString('en-US')} events a month, local PostgreSQL, a fresh process per hall`);
  lines.push(
    `  ratio 12 months / 1 month: memory ${ratio(12, 'rssMb')} (goal ≤ 1.5), cold read ${ratio(12, 'readMs')} (goal ≤ 2)`,
    ...(LONG === 12 ? [] : [`  ratio ${LONG} months / 1 month: memory ${ratio(LONG, 'rssMb')}, cold read ${ratio(LONG, 'readMs')} (goal: not worse than 12)`]),
  );
} finally {
  await pool.end();
  await store.close();
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}
process.stdout.write(`${lines.join('\n')}\n`);
