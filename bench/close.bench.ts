/**
 * pnpm bench:close — closing a month (to final: preliminary v1 + final v2) for
 * 500 halls of 50 windows and 200 staff whose scores are already projected
 * (issue 6). Same-run baseline: writing the same frozen documents into a bare
 * table. Options: --halls N (default 500).
 */
import { advancePeriod, createHall, generateSigner, HallStates } from '@hall/assessment';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { admin, databaseUrl } from './lib/admin-db.ts';
import { appendEvents, connect, migrateToLatest, organisationView, schemaVersionsFor } from './lib/store.ts';

const { values: args } = parseArgs({ options: { halls: { type: 'string', default: '500' }, url: { type: 'string' } } });
const hallCount = Number(args.halls);
const dbName = `bench_close_${randomBytes(4).toString('hex')}`;
const dbUrl = databaseUrl(dbName);


function hallEvents(h: number) {
  const at = '2026-10-01T08:00:00+08:00';
  const events: Array<{ id: string; type: string; occurredAt: string; data: Record<string, unknown> }> = [
    { id: 'dep', type: 'DepartmentRegistered', occurredAt: at, data: { departmentId: 'dep', name: 'd' } },
  ];
  for (let w = 0; w < 50; w += 1) {
    events.push({ id: `w${w}`, type: 'WindowOpened', occurredAt: at, data: { windowId: `w${w}`, number: String(w), name: `W${w}`, departmentId: 'dep', kind: w % 3 === 0 ? 'public_service' : 'approval' } });
  }
  for (let s = 0; s < 200; s += 1) {
    events.push({ id: `s${s}`, type: 'StaffRegistered', occurredAt: at, data: { staffId: `s${s}`, name: `S${s}`, departmentId: 'dep' } });
    events.push({ id: `a${s}`, type: 'StaffAssigned', occurredAt: at, data: { staffId: `s${s}`, windowId: `w${s % 50}`, post: s < 50 ? 'A' : 'B' } });
  }
  for (let f = 0; f < 100; f += 1) {
    const w = (f * 7 + h) % 50;
    events.push({
      id: `f${f}`,
      type: 'InspectionRecorded',
      occurredAt: `2026-10-${String((f % 28) + 1).padStart(2, '0')}T10:00:00+08:00`,
      data: { inspectionId: `f${f}`, inspectorId: 'i', findings: [{ ruleCode: 'HYG_NOT_CLEAN', windowId: `w${w}`, staffId: `s${w}`, count: 1 + (f % 3) }] },
    });
  }
  return events;
}

await admin(`CREATE DATABASE ${dbName}`);
const store = await connect({ databaseUrl: dbUrl, dataDir: '', poolSize: 10 });
const figures: string[] = [];
try {
  await migrateToLatest(store.db);
  const now = new Date('2026-11-26T04:00:00Z');
  const assessment = new HallStates(store.db, () => now);
  const { signer } = generateSigner();
  const hallIds = Array.from({ length: hallCount }, (_, i) => `hall-${i}`);
  const seedStart = performance.now();
  for (const hallId of hallIds) {
    await createHall(assessment, { hallId, name: hallId, timezone: 'Asia/Shanghai', assessmentStartsOn: '2026-10-01', autoAdvance: false });
    const outcome = await appendEvents(store.db, { hallId, clientId: 'bench', now, schemaVersions: schemaVersionsFor(), events: hallEvents(Number(hallId.slice(5))), view: organisationView });
    if (!outcome.ok) throw new Error(`seed failed: ${outcome.code}`);
    await assessment.caughtUp(hallId); // scores already projected
  }
  process.stderr.write(`seeded ${hallCount} halls in ${((performance.now() - seedStart) / 1000).toFixed(1)} s\n`);

  // Baseline: write the same documents (two versions per hall) into a bare table.
  const rows = await store.db.selectFrom('score_views' as never).select(['hall_id', 'document'] as never).execute() as Array<{ hall_id: string; document: unknown }>;
  const perHall = new Map<string, unknown[]>();
  for (const r of rows) (perHall.get(r.hall_id) ?? perHall.set(r.hall_id, []).get(r.hall_id)!).push(r.document);
  const raw = new pg.Pool({ connectionString: dbUrl, max: 2 });
  await raw.query('CREATE TABLE bench_versions (hall_id text, version int, documents jsonb, PRIMARY KEY (hall_id, version))');
  const baseStart = performance.now();
  for (const [hallId, docs] of perHall) {
    const json = JSON.stringify(docs);
    await raw.query('INSERT INTO bench_versions VALUES ($1, 1, $2), ($1, 2, $2)', [hallId, json]);
  }
  const baselineSeconds = (performance.now() - baseStart) / 1000;
  await raw.end();

  const oneStart = performance.now();
  const first = await advancePeriod(assessment, signer, hallIds[0]!, '2026-10', 'final', 'schedule', now);
  if (!first.ok) throw new Error(`close refused: ${first.error.code} ${first.error.message}`);
  const oneMs = performance.now() - oneStart;

  const allStart = performance.now();
  let next = 1;
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      while (next < hallIds.length) {
        const hallId = hallIds[next++]!;
        const closed = await advancePeriod(assessment, signer, hallId, '2026-10', 'final', 'schedule', now);
        if (!closed.ok) throw new Error(`close of ${hallId} refused: ${closed.error.code} ${closed.error.message}`);
      }
    }),
  );
  const allSeconds = (performance.now() - allStart) / 1000 + oneMs / 1000;
  figures.push(`baseline: bare writes of the same documents for ${hallCount} halls  ${baselineSeconds.toFixed(2)} s`);
  figures.push(`ratio all halls / baseline                          ${(allSeconds / baselineSeconds).toFixed(2)}`);
  figures.push(`one hall to final (v1 + v2)                         ${oneMs.toFixed(0)} ms   (goal < 200 ms)`);
  figures.push(`${hallCount} halls to final                               ${allSeconds.toFixed(2)} s   (goal < 60 s)`);
} finally {
  await store.close();
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}
console.log(`\nclosing a month: ${hallCount} halls × 50 windows × 200 staff, local PostgreSQL`);
for (const line of figures) console.log(line);
