/**
 * pnpm bench:rebuild [--events N] [--halls H]
 *
 * Seeds N events (default 1,000,000) over H halls (default 10: a month of
 * queue traffic each) into a dedicated database on the local PostgreSQL, then
 * times, in one run:
 *   - the baseline: a raw ordered read of the same rows from node with plain
 *     pg (named prepared keyset pages of 5000, JSON parsed), then the same
 *     rows through the store's readEvents, and
 *   - the rebuild of every hall's score views (`rebuildViews`, the use case `hall rebuild` runs:
 *     re-project every hall from position 0 through the projection runner, old rows replaced in one transaction),
 * and prints events/s and the ratio last (goals: ≥ 100,000 events/s and ≥ 60 %
 * of the raw read). The database is dropped at the end.
 */
import { createHall, HallStates, rebuildViews } from '@hall/assessment';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { admin, adminUrl } from './lib/admin-db.ts';
import { connect, migrateToLatest, readEvents } from '@hall/event-store';
import { seedHall } from './lib/seed-history.ts';
import { rawOrderedRead } from './lib/raw-read.ts';

const { values } = parseArgs({ options: { events: { type: 'string', default: '1000000' }, halls: { type: 'string', default: '10' } } });
const TOTAL = Number(values.events);
const HALLS = Number(values.halls);
const PER_HALL = Math.floor(TOTAL / HALLS);
const dbName = `hall_rebuild_${randomBytes(4).toString('hex')}`;


await admin(`CREATE DATABASE "${dbName}"`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const store = await connect({ databaseUrl: url.toString(), dataDir: '', poolSize: 4 });
const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
const lines: string[] = [];
try {
  await migrateToLatest(store.db);
  const setup = new HallStates(store.db, () => new Date('2026-02-15T02:00:00Z'));
  const hallIds = Array.from({ length: HALLS }, (_, i) => `rebuild-${String(i).padStart(3, '0')}`);
  let t0 = performance.now();
  for (const hallId of hallIds) {
    await createHall(setup, { hallId, name: hallId, timezone: 'Asia/Shanghai', assessmentStartsOn: '2026-01-01', autoAdvance: false });
    await seedHall(pool, hallId, PER_HALL - 2);
    process.stderr.write(`\rseeded ${hallId}`);
  }
  await pool.query('analyze events');
  process.stderr.write(`\nseeded ${PER_HALL * HALLS} events in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

  // Baseline: plain pg, 5000-row keyset pages of the stored columns, no store code (lib/raw-read.ts).
  t0 = performance.now();
  const rows = await rawOrderedRead(pool, hallIds, 5000);
  const readSeconds = (performance.now() - t0) / 1000;

  // The store's reader over the same rows, in the 2000-event pages the projection's load uses.
  t0 = performance.now();
  let storeRows = 0;
  for (const hallId of hallIds) {
    for (let after = 0; ; ) {
      const batch = await readEvents(store.db, hallId, { after, limit: 2000 });
      storeRows += batch.length;
      if (batch.length < 2000) break;
      after = batch[batch.length - 1]!.position;
    }
  }
  const storeReadSeconds = (performance.now() - t0) / 1000;

  t0 = performance.now();
  const result = await rebuildViews(store.db, () => new Date(), hallIds);
  const rebuildSeconds = (performance.now() - t0) / 1000;
  const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en-US');
  lines.push(
    '',
    `rebuild bench: ${result.events.toLocaleString('en-US')} events in ${result.halls} halls, local PostgreSQL`,
    `  baseline raw ordered read   ${readSeconds.toFixed(2)} s  ${rate(rows, readSeconds)} events/s  (plain pg, JSON parsed)`,
    `  store readEvents (2000)     ${storeReadSeconds.toFixed(2)} s  ${rate(storeRows, storeReadSeconds)} events/s`,
    `  rebuild (re-project views)  ${rebuildSeconds.toFixed(2)} s  ${rate(result.events, rebuildSeconds)} events/s   (goal ≥ 100,000 events/s)`,
    `  ratio rebuild / raw read    ${(readSeconds / rebuildSeconds).toFixed(2)}   (goal ≥ 0.60, issue 14)`,
  );
} finally {
  await pool.end();
  await store.close();
  await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
}
process.stdout.write(`${lines.join('\n')}\n`);
