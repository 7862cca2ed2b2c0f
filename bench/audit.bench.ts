/**
 * pnpm bench:audit [--events N] [--halls H] [--keep]
 *
 * Seeds N events (default 1,000,000) over H halls (default 10) into a
 * dedicated database on the local PostgreSQL (DATABASE_URL's server, else
 * 127.0.0.1:5432), with a correct hash chain computed here and written with
 * multi-row INSERTs (unnest). Hall 0's January is published final through the
 * service's own code (advancePeriod, so with a signed checkpoint). Then times:
 *   - a raw ordered keyset SELECT of every row from node with plain pg (the
 *     baseline), the same rows as one raw COPY stream per hall (bytes only:
 *     the read verify stands on), then through the store's readEvents,
 *   - verify (chain + checkpoints) of every hall,
 *   - replay of hall 0's January (replayVersion),
 * and prints the figures last. The database is dropped unless --keep.
 */
import { advancePeriod, createHall, generateSigner, HallStates, replayVersion, VERIFY_BATCH, verifyHall } from '@hall/assessment';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { admin, adminUrl } from './lib/admin-db.ts';
import { connect, migrateToLatest, readEvents, type Store } from '@hall/event-store';
import { seedHall } from './lib/seed-history.ts';
import { rawOrderedRead } from './lib/raw-read.ts';

const { values } = parseArgs({
  options: { events: { type: 'string', default: '1000000' }, halls: { type: 'string', default: '10' }, keep: { type: 'boolean', default: false } },
});
const TOTAL = Number(values.events);
const HALLS = Number(values.halls);
const PER_HALL = Math.floor(TOTAL / HALLS);
const dbName = `hall_bench_${randomBytes(4).toString('hex')}`;
const log = (text: string) => process.stderr.write(`${text}\n`);


async function main(): Promise<void> {
  await admin(`CREATE DATABASE "${dbName}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  let store: Store | undefined;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
  try {
    store = await connect({ databaseUrl: url.toString(), dataDir: '', poolSize: 4 });
    await migrateToLatest(store.db);
    const { signer } = generateSigner();
    const setup = new HallStates(store.db, () => new Date('2026-02-15T02:00:00Z'));

    let t0 = performance.now();
    const hallIds = Array.from({ length: HALLS }, (_, i) => `bench-${String(i).padStart(3, '0')}`);
    for (const hallId of hallIds) {
      await createHall(setup, { hallId, name: hallId, timezone: 'Asia/Shanghai', assessmentStartsOn: '2026-01-01', autoAdvance: false });
      await seedHall(pool, hallId, PER_HALL - 2);
      process.stderr.write(`\rseeded ${hallId}`);
    }
    await pool.query('analyze events');
    const seedSeconds = (performance.now() - t0) / 1000;
    log(`\nseeded ${PER_HALL * HALLS} events in ${seedSeconds.toFixed(1)}s`);

    // Publish hall 0's January through the service (preliminary v1, final v2, signed checkpoint).
    t0 = performance.now();
    const published = await advancePeriod(setup, signer, hallIds[0]!, '2026-01', 'final', 'supervisor');
    if (!published.ok) throw new Error(`publication refused: ${published.error.code} ${published.error.message}`);
    log(`published ${hallIds[0]} 2026-01 final in ${((performance.now() - t0) / 1000).toFixed(1)}s`);

    // Baseline: the same rows in the same order, read from node with plain pg (a named prepared
    // keyset SELECT, pg's own parsing: jsonb parsed, timestamptz as Date), no store code, no hashing.
    t0 = performance.now();
    const baselineRows = await rawOrderedRead(pool, hallIds, VERIFY_BATCH);
    const baselineSeconds = (performance.now() - t0) / 1000;

    // The floor under verify's own read: the same rows as one COPY stream, bytes counted, nothing parsed.
    t0 = performance.now();
    const copyRows = await rawCopyRead(pool, hallIds);
    const copySeconds = (performance.now() - t0) / 1000;

    // The store's reader over the same rows (what replay uses).
    t0 = performance.now();
    let storeRows = 0;
    for (const hallId of hallIds) {
      for (let after = 0; ; ) {
        const batch = await readEvents(store.db, hallId, { after, limit: VERIFY_BATCH });
        storeRows += batch.length;
        if (batch.length < VERIFY_BATCH) break;
        after = batch[batch.length - 1]!.position;
      }
    }
    const storeReadSeconds = (performance.now() - t0) / 1000;

    t0 = performance.now();
    let verified = 0;
    let allOk = true;
    for (const hallId of hallIds) {
      const result = await verifyHall(store.db, hallId, signer);
      verified += result.eventsChecked;
      allOk &&= result.ok;
    }
    const verifySeconds = (performance.now() - t0) / 1000;

    const warm = await replayVersion(setup, hallIds[0]!, '2026-01', 2); // warms the JIT; the service's steady state
    t0 = performance.now();
    const replay = await replayVersion(setup, hallIds[0]!, '2026-01', 2);
    const replaySeconds = (performance.now() - t0) / 1000;
    const cold = new HallStates(store.db, () => new Date('2026-02-15T02:00:00Z'));
    t0 = performance.now();
    await replayVersion(cold, hallIds[0]!, '2026-01', 2);
    const coldSeconds = (performance.now() - t0) / 1000;

    const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en-US');
    const lines = [
      '',
      `audit bench: ${verified.toLocaleString('en-US')} events in ${HALLS} halls (node ${process.version}, PostgreSQL ${adminUrl.replace(/\/\/[^@]*@/, '//')})`,
      `  seed                        ${seedSeconds.toFixed(1)} s`,
      `  baseline raw ordered read   ${baselineSeconds.toFixed(2)} s  ${rate(baselineRows, baselineSeconds)} events/s  (plain pg, JSON parsed)`,
      `  raw COPY, bytes only        ${copySeconds.toFixed(2)} s  ${rate(copyRows, copySeconds)} events/s  (the read under verify, nothing parsed)`,
      `  store readEvents            ${storeReadSeconds.toFixed(2)} s  ${rate(storeRows, storeReadSeconds)} events/s  (${(baselineSeconds / storeReadSeconds).toFixed(2)}x the raw read's rate)`,
      `  verify (chain+checkpoints)  ${verifySeconds.toFixed(2)} s  ${rate(verified, verifySeconds)} events/s  ok=${allOk}  (goal >= 200,000 events/s; ${(baselineSeconds / verifySeconds).toFixed(2)}x the raw read's rate, ${(copySeconds / verifySeconds).toFixed(2)} of raw COPY's)`,
      `  replay ${hallIds[0]} 2026-01 v2  ${replaySeconds.toFixed(2)} s  ${replay.eventsReplayed.toLocaleString('en-US')} events  matches=${replay.matches && warm.matches}  (goal < 2 s; cold process state: ${coldSeconds.toFixed(2)} s)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await pool.end();
    await store?.close();
    if (!values.keep) await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    else log(`kept database ${dbName}`);
  }
}

/** Every row of the halls as verify reads them (one COPY per hall, primary-key order), newlines counted: no parsing, no hashing. */
async function rawCopyRead(pool: pg.Pool, hallIds: readonly string[]): Promise<number> {
  const client = await pool.connect();
  let rows = 0;
  try {
    for (const hallId of hallIds) {
      await client.query('begin read only; set local enable_sort = off; set local enable_bitmapscan = off');
      const stream = client.query(
        copyTo(`copy (select position, event_id, type, occurred_at_text, recorded_at::text, client_id, schema_version, data::text, personal_ref, hash, prev_hash
                from events where hall_id = ${client.escapeLiteral(hallId)} order by position) to stdout`),
      );
      for await (const chunk of stream as AsyncIterable<Buffer>) for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows += 1;
      await client.query('commit');
    }
  } finally {
    client.release();
  }
  return rows;
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
