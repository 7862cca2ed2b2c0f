/**
 * pnpm bench:late-events [--per-month N] [--months M]
 *
 * The late events of a final month (decision 1441): seeds a hall with M months
 * (default 12, M − 1 final, N events a month, default 10,000) and 100 late
 * findings for its first month, then times, in one run, with a new HallStates
 * each time (nothing in memory, as in a fresh process): the first period
 * document of that final month (`GET …/periods/{p}`: stored facts + late
 * events), a second one, and a rebuild of the hall's views; and, as the
 * same-run baseline, loading the hall's state (`caughtUp`, what that read did
 * before decision 1441). Prints the figures, the late count and the ratio
 * last. The database is dropped at the end.
 */
import * as assessment from '@hall/assessment';
import { advancePeriod, createHall, generateSigner, HallStates, rebuildViews, storedFacts } from '@hall/assessment';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { admin, databaseUrl } from './lib/admin-db.ts';
import { connect, migrateToLatest } from './lib/store.ts';
import { organisationEvents, queueTraffic, seedRows } from './lib/seed-history.ts';

const { values: args } = parseArgs({ options: { 'per-month': { type: 'string', default: '10000' }, months: { type: 'string', default: '12' } } });
const PER_MONTH = Number(args['per-month']);
const MONTHS = Number(args.months);
const dbName = `bench_late_${randomBytes(4).toString('hex')}`;
const dbUrl = databaseUrl(dbName);
const monthOf = (k: number) => `${2026 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
const monthStart = (k: number) => Date.UTC(2026 + Math.floor(k / 12), k % 12, 1, 0, 30);

await admin(`CREATE DATABASE ${dbName}`);
const store = await connect({ databaseUrl: dbUrl, dataDir: '', poolSize: 4 });
const pool = new pg.Pool({ connectionString: dbUrl, max: 2 });
const lines: string[] = [];
try {
  await migrateToLatest(store.db);
  const { signer } = generateSigner();
  const hallId = 'late-bench';
  const now = new Date(monthStart(MONTHS - 1) + 25 * 86_400_000);
  const halls = new HallStates(store.db, () => now);
  halls.backgroundCatchUp = false;
  await createHall(halls, { hallId, name: hallId, timezone: 'Asia/Shanghai', assessmentStartsOn: '2026-01-01', autoAdvance: false });
  await seedRows(pool, hallId, organisationEvents(hallId));
  for (let k = 0; k < MONTHS; k += 1) {
    await seedRows(pool, hallId, queueTraffic(hallId, PER_MONTH, monthStart(k), k * PER_MONTH, 28));
    if (k > 0 && !(await advancePeriod(halls, signer, hallId, monthOf(k - 1), 'final', 'supervisor', now)).ok) throw new Error(`${monthOf(k - 1)} not final`);
    process.stderr.write(`\r${k + 1}/${MONTHS} months`);
  }
  const late = Array.from({ length: 100 }, (_, i) => ({
    id: `late-${i}`,
    type: 'InspectionRecorded',
    occurredAt: new Date(monthStart(0) + (i % 25) * 86_400_000 + 3_600_000).toISOString(),
    data: { inspectionId: `late-${i}`, inspectorId: 'i1', findings: [{ ruleCode: 'HYG_NOT_CLEAN', windowId: 'w01', staffId: 's01' }] },
  }));
  await seedRows(pool, hallId, late);
  await halls.caughtUp(hallId);
  await pool.query('analyze');
  process.stderr.write('\n');
  const period = monthOf(0);
  // The period document as the route builds it (its return shape differs between versions of the code).
  const read = async () => {
    const fresh = new HallStates(store.db, () => now);
    fresh.backgroundCatchUp = false;
    const started = performance.now();
    const facts = await storedFacts(fresh, hallId, { periods: true });
    const doc = (await (assessment.storedPeriodDocument as (a: unknown, f: unknown, p: string) => Promise<unknown>)(fresh, facts, period)) as { lateEvents?: number; document?: { lateEvents: number } };
    return { ms: performance.now() - started, late: doc.document?.lateEvents ?? doc.lateEvents };
  };
  const first = await read();
  const second = await read();
  const baseline = new HallStates(store.db, () => now);
  baseline.backgroundCatchUp = false;
  const loadStarted = performance.now();
  await baseline.caughtUp(hallId);
  const loadMs = performance.now() - loadStarted;
  const started = performance.now();
  await rebuildViews(store.db, () => now, [hallId]);
  const rebuildMs = performance.now() - started;
  const head = Number((await pool.query('select head_position from halls where hall_id = $1', [hallId])).rows[0].head_position);
  lines.push(
    '',
    `late-events bench: ${MONTHS} months (${MONTHS - 1} final), ${head.toLocaleString('en-US')} events, period document of ${period}`,
    `  period read, nothing in memory: ${first.ms.toFixed(0)} ms, again ${second.ms.toFixed(0)} ms (lateEvents ${first.late})`,
    `  rebuild of the hall's views: ${rebuildMs.toFixed(0)} ms`,
    `  baseline, loading the hall's state (caughtUp): ${loadMs.toFixed(0)} ms`,
    `  ratio first period read / state load: ${(first.ms / loadMs).toFixed(3)}`,
  );
} finally {
  await pool.end();
  await store.close();
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}
process.stdout.write(`${lines.join('\n')}\n`);
