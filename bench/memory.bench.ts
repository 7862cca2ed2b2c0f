/**
 * pnpm bench:memory [--per-month N] [--long M] [--runs R]
 *
 * Memory that does not grow with the age of the history (decision 1411):
 * seeds, into a dedicated database on the local PostgreSQL, a hall with one
 * month of queue traffic (N events, default 20,000), one with 12 months of
 * the same traffic (11 final) and one with M months (default 24, M − 1
 * final); the months are made final through the use case (advancePeriod), so
 * each stores its carry-over snapshot. When all are seeded (and the server
 * has vacuumed and checkpointed the seed), R rounds (default 5): in each,
 * per hall, one new event is appended and, in a FRESH process
 * (lib/memory-child.ts), the first score read is timed (the state is loaded
 * and the new event projected) and the resident memory above the idle
 * process measured. Prints the medians and every run's figures, then the
 * ratios last (goals: 12-month ≤ 1.5 × the 1-month memory and ≤ 2 × its
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

const { values: args } = parseArgs({ options: { 'per-month': { type: 'string', default: '20000' }, long: { type: 'string', default: '24' }, runs: { type: 'string', default: '5' } } });
const PER_MONTH = Number(args['per-month']);
const LONG = Number(args.long);
const dbName = `bench_memory_${randomBytes(4).toString('hex')}`;
const dbUrl = databaseUrl(dbName);
const root = fileURLToPath(new URL('../', import.meta.url));
const run = promisify(execFile);
const RUNS = Number(args.runs);
type Figure = 'readMs' | 'loadedMs' | 'cpuMs' | 'rssMb' | 'heapMb';

/** Month k (0 = January 2026) as `YYYY-MM` and its first instant in the hall (08:30 Asia/Shanghai). */
const monthOf = (k: number) => `${2026 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
const monthStart = (k: number) => Date.UTC(2026 + Math.floor(k / 12), k % 12, 1, 0, 30);

interface Reading {
  readMs: number;
  /** Of which loading the state and projecting the new event. */
  loadedMs: number;
  /** The process's CPU time (user + system) in the read: less at the mercy of a shared machine than the wall time. */
  cpuMs: number;
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
  const ages = [...new Set([1, 12, LONG])];
  /** The clock of the month still open: late in it, so every earlier month has ended. */
  const nowOf = (months: number) => new Date(monthStart(months - 1) + 25 * 86_400_000);
  // Every hall seeded before any is measured, so no hall is read while the server still digests its seed.
  for (const months of ages) {
    const hallId = `memory-${months}`;
    const now = nowOf(months);
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
  }
  // The seed's writes flushed and its rows vacuumed now, not by autovacuum and the checkpointer during the reads
  // (they ran during the last-seeded, longest hall's reads, which made its cold read look slower; decision 1461).
  await pool.query('vacuum analyze');
  await pool.query('checkpoint');
  // Rounds of one fresh process per hall, the order rotated each round (the machine is shared; one run is noisy).
  // Each round appends one new event to each hall first (chained in like the seed), so every fresh process does
  // the same work: load the state, project the new event, read.
  const runs = new Map<number, Reading[]>(ages.map((m) => [m, []]));
  for (let round = 0; round < RUNS; round += 1) {
    for (let i = 0; i < ages.length; i += 1) {
      const months = ages[(i + round) % ages.length]!;
      const hallId = `memory-${months}`;
      const now = nowOf(months);
      await seedRows(pool, hallId, [
        { id: `${hallId}-late-finding-${round}`, type: 'InspectionRecorded', occurredAt: new Date(now.getTime() - 3_600_000).toISOString(), data: { inspectionId: `late-${round}`, inspectorId: 'i1', findings: [{ ruleCode: 'HYG_NOT_CLEAN', windowId: 'w01', staffId: 's01' }] } },
      ]);
      const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/lib/memory-child.ts', dbUrl, hallId, monthOf(months - 1), 'w01', now.toISOString()], {
        cwd: root,
        maxBuffer: 1 << 20,
      });
      runs.get(months)!.push(JSON.parse(stdout.trim().split('\n').at(-1)!) as Reading);
    }
  }
  const readings = new Map<number, Reading>();
  for (const months of ages) {
    const all = runs.get(months)!;
    const median = (key: Figure) => all.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(all.length / 2)]!;
    const reading: Reading = { ...all[0]!, readMs: median('readMs'), loadedMs: median('loadedMs'), cpuMs: median('cpuMs'), rssMb: median('rssMb'), heapMb: median('heapMb') };
    readings.set(months, reading);
    const each = (key: Figure, digits: number) => all.map((r) => r[key].toFixed(digits)).join(' ');
    lines.push(
      `  ${String(months).padStart(2)} month(s), ${reading.position.toLocaleString('en-US').padStart(9)} events: cold read ${reading.readMs.toFixed(0).padStart(6)} ms (load ${reading.loadedMs.toFixed(0)}, CPU ${reading.cpuMs.toFixed(0)}), ` +
        `RSS +${reading.rssMb.toFixed(1)} MB, heap +${reading.heapMb.toFixed(1)} MB, events held ${reading.held.toLocaleString('en-US')} (from ${reading.fromMonth ?? 'the start'})`,
      `      each run: read ${each('readMs', 0)} ms; CPU ${each('cpuMs', 0)} ms; RSS ${each('rssMb', 1)} MB`,
    );
  }
  const one = readings.get(1)!;
  const ratio = (m: number, key: 'rssMb' | 'readMs' | 'cpuMs') => (readings.get(m)![key] / one[key]).toFixed(2);
  lines.unshift('', `memory bench: ${PER_MONTH.toLocaleString('en-US')} events a month, local PostgreSQL, a fresh process per hall`);
  lines.push(
    `  ratio 12 months / 1 month: memory ${ratio(12, 'rssMb')} (goal ≤ 1.5), cold read ${ratio(12, 'readMs')} (goal ≤ 2; its CPU ${ratio(12, 'cpuMs')})`,
    ...(LONG === 12 ? [] : [`  ratio ${LONG} months / 1 month: memory ${ratio(LONG, 'rssMb')}, cold read ${ratio(LONG, 'readMs')} (CPU ${ratio(LONG, 'cpuMs')}) (goal: not worse than 12)`]),
  );
} finally {
  await pool.end();
  await store.close();
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}
process.stdout.write(`${lines.join('\n')}\n`);
