/**
 * pnpm bench:audit [--events N] [--halls H] [--keep]
 *
 * Seeds N events (default 1,000,000) over H halls (default 10) into a
 * dedicated database on the local PostgreSQL (DATABASE_URL's server, else
 * 127.0.0.1:5432), with a correct hash chain computed here and written with
 * multi-row INSERTs (unnest). Hall 0's January is published final through the
 * service's own code (advancePeriod, so with a signed checkpoint). Then times:
 *   - a raw ordered keyset SELECT of every row from node (the baseline),
 *   - verify (chain + checkpoints) of every hall,
 *   - replay of hall 0's January (replayVersion),
 * and prints the figures last. The database is dropped unless --keep.
 */
import { createHash, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { schemaVersions } from '@hall/contracts';
import { connect, eventHash, migrateToLatest, readEvents, type Store } from '@hall/event-store';
import { Assessment } from '../services/api/src/assessment/assessment.ts';
import { advancePeriod } from '../services/api/src/assessment/publish.ts';
import { replayVersion } from '../services/api/src/assessment/replay.ts';
import { generateSigner } from '../services/api/src/audit/signer.ts';
import { VERIFY_BATCH, verifyHall } from '../services/api/src/audit/verify-hall.ts';

const { values } = parseArgs({
  options: { events: { type: 'string', default: '1000000' }, halls: { type: 'string', default: '10' }, keep: { type: 'boolean', default: false } },
});
const TOTAL = Number(values.events);
const HALLS = Number(values.halls);
const PER_HALL = Math.floor(TOTAL / HALLS);
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dbName = `hall_bench_${randomBytes(4).toString('hex')}`;
const log = (text: string) => process.stderr.write(`${text}\n`);

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const WINDOWS = 20;
const STAFF = 40;

type Row = { id: string; type: string; occurredAt: string; data: Record<string, unknown> };

/** A hall's organisation, then January's queue traffic: tickets issued, called, served, completed, some rated, a few inspected. */
function* hallEvents(hallId: string, count: number): Generator<Row> {
  const at = (ms: number) => new Date(ms).toISOString();
  const jan1 = Date.parse('2026-01-01T00:30:00Z'); // 08:30 in the hall
  yield { id: `${hallId}-d1`, type: 'DepartmentRegistered', occurredAt: at(jan1), data: { departmentId: 'd1', name: 'Civil affairs' } };
  yield { id: `${hallId}-si1`, type: 'ServiceItemRegistered', occurredAt: at(jan1), data: { serviceItemId: 'si1', name: 'Licence', departmentId: 'd1', committedWorkingDays: 5 } };
  for (let w = 1; w <= WINDOWS; w += 1) {
    const windowId = `w${String(w).padStart(2, '0')}`;
    yield { id: `${hallId}-${windowId}`, type: 'WindowOpened', occurredAt: at(jan1), data: { windowId, number: String(w), name: `Window ${w}`, departmentId: 'd1', kind: w % 2 ? 'approval' : 'public_service' } };
  }
  for (let s = 1; s <= STAFF; s += 1) {
    const staffId = `s${String(s).padStart(2, '0')}`;
    yield { id: `${hallId}-${staffId}`, type: 'StaffRegistered', occurredAt: at(jan1), data: { staffId, name: `Staff ${s}`, departmentId: 'd1' } };
    yield { id: `${hallId}-${staffId}-a`, type: 'StaffAssigned', occurredAt: at(jan1), data: { staffId, windowId: `w${String(((s - 1) % WINDOWS) + 1).padStart(2, '0')}`, post: s <= WINDOWS ? 'A' : 'B' } };
  }
  let n = 2 + WINDOWS + 2 * STAFF;
  const span = 30 * 86_400_000;
  for (let t = 0; n < count; t += 1) {
    const w = (t % WINDOWS) + 1;
    const windowId = `w${String(w).padStart(2, '0')}`;
    const staffId = `s${String(w).padStart(2, '0')}`;
    const ticketId = `t${t}`;
    const base = jan1 + Math.floor((t * 7919) % span);
    const steps: Row[] = [
      { id: `${hallId}-${t}-i`, type: 'TicketIssued', occurredAt: at(base), data: { ticketId, number: `A${t % 1000}`, serviceItemId: 'si1' } },
      { id: `${hallId}-${t}-c`, type: 'TicketCalled', occurredAt: at(base + 60_000), data: { ticketId, windowId, staffId } },
      { id: `${hallId}-${t}-s`, type: 'ServiceStarted', occurredAt: at(base + 90_000), data: { ticketId, windowId, staffId } },
      { id: `${hallId}-${t}-e`, type: 'ServiceCompleted', occurredAt: at(base + 600_000), data: { ticketId, windowId, staffId, outcome: 'completed' } },
    ];
    if (t % 3 === 0) steps.push({ id: `${hallId}-${t}-r`, type: 'RatingSubmitted', occurredAt: at(base + 660_000), data: { ratingId: `r${t}`, level: t % 40 === 0 ? 2 : 5, channel: 'kiosk', windowId, staffId, ticketId } });
    if (t % 500 === 0) steps.push({ id: `${hallId}-${t}-x`, type: 'InspectionRecorded', occurredAt: at(base + 700_000), data: { inspectionId: `x${t}`, inspectorId: 'i1', findings: [{ ruleCode: 'HYG_NOT_CLEAN', windowId, staffId }] } });
    for (const step of steps) {
      if (n >= count) return;
      n += 1;
      yield step;
    }
  }
}

/** Appends a hall's events after its head with a chain computed here, 10,000 rows per INSERT. */
async function seedHall(pool: pg.Pool, hallId: string, count: number): Promise<void> {
  const { rows } = await pool.query<{ head_position: string; head_hash: string }>('select head_position, head_hash from halls where hall_id = $1', [hallId]);
  let position = Number(rows[0]!.head_position);
  let prevHash = rows[0]!.head_hash;
  const recordedAt = '2026-02-01T00:00:00.000Z';
  const cols: unknown[][] = Array.from({ length: 13 }, () => []);
  const flush = async () => {
    if (cols[0]!.length === 0) return;
    await pool.query(
      `insert into events (hall_id, position, event_id, type, occurred_at, occurred_at_text, recorded_at, client_id, schema_version, data, personal_ref, content_hash, hash, prev_hash)
       select $1, * from unnest($2::bigint[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::timestamptz[], $8::text[], $9::int[], $10::jsonb[], $11::text[], $12::text[], $13::text[], $14::text[])`,
      [hallId, ...cols],
    );
    for (const c of cols) c.length = 0;
  };
  for (const e of hallEvents(hallId, count)) {
    position += 1;
    const schemaVersion = schemaVersions[e.type as keyof typeof schemaVersions] ?? 1;
    const body = { hallId, position, id: e.id, type: e.type, occurredAt: e.occurredAt, recordedAt, clientId: 'bench', schemaVersion, data: e.data, personalRef: null };
    const hash = eventHash(prevHash, body);
    const values = [position, e.id, e.type, e.occurredAt, e.occurredAt, recordedAt, 'bench', schemaVersion, JSON.stringify(e.data), null, createHash('sha256').update(e.id).digest('hex'), hash, prevHash];
    values.forEach((v, i) => cols[i]!.push(v));
    prevHash = hash;
    if (cols[0]!.length >= 10_000) await flush();
  }
  await flush();
  await pool.query('update halls set head_position = $2, head_hash = $3 where hall_id = $1', [hallId, position, prevHash]);
}

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
    const setup = new Assessment(store.db, () => new Date('2026-02-15T02:00:00Z'), undefined, signer);

    let t0 = performance.now();
    const hallIds = Array.from({ length: HALLS }, (_, i) => `bench-${String(i).padStart(3, '0')}`);
    for (const hallId of hallIds) {
      await setup.createHall({ hallId, name: hallId, timezone: 'Asia/Shanghai', assessmentStartsOn: '2026-01-01', autoAdvance: false });
      await seedHall(pool, hallId, PER_HALL - 2);
      process.stderr.write(`\rseeded ${hallId}`);
    }
    await pool.query('analyze events');
    const seedSeconds = (performance.now() - t0) / 1000;
    log(`\nseeded ${PER_HALL * HALLS} events in ${seedSeconds.toFixed(1)}s`);

    // Publish hall 0's January through the service (preliminary v1, final v2, signed checkpoint).
    t0 = performance.now();
    await advancePeriod(setup, hallIds[0]!, '2026-01', 'final', 'supervisor');
    log(`published ${hallIds[0]} 2026-01 final in ${((performance.now() - t0) / 1000).toFixed(1)}s`);

    // Baseline: the same rows, same order and batch size, read from node without hashing.
    t0 = performance.now();
    let baselineRows = 0;
    for (const hallId of hallIds) {
      for (let after = 0; ; ) {
        const batch = await readEvents(store.db, hallId, { after, limit: VERIFY_BATCH });
        baselineRows += batch.length;
        if (batch.length < VERIFY_BATCH) break;
        after = batch[batch.length - 1]!.position;
      }
    }
    const baselineSeconds = (performance.now() - t0) / 1000;

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
    const cold = new Assessment(store.db, () => new Date('2026-02-15T02:00:00Z'));
    t0 = performance.now();
    await replayVersion(cold, hallIds[0]!, '2026-01', 2);
    const coldSeconds = (performance.now() - t0) / 1000;

    const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en-US');
    const lines = [
      '',
      `audit bench: ${verified.toLocaleString('en-US')} events in ${HALLS} halls (node ${process.version}, PostgreSQL ${adminUrl.replace(/\/\/[^@]*@/, '//')})`,
      `  seed                        ${seedSeconds.toFixed(1)} s`,
      `  baseline ordered SELECT     ${baselineSeconds.toFixed(2)} s  ${rate(baselineRows, baselineSeconds)} events/s`,
      `  verify (chain+checkpoints)  ${verifySeconds.toFixed(2)} s  ${rate(verified, verifySeconds)} events/s  ok=${allOk}  (goal >= 200,000 events/s; ${(verifySeconds / baselineSeconds).toFixed(2)}x baseline)`,
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

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
