/**
 * pnpm bench:reads — score-document reads over HTTP (issue 5: p99 < 10 ms at
 * 2,000 req/s). Starts the service on a fresh database of the local
 * PostgreSQL, seeds a hall of 50 windows and 200 staff with a month of
 * findings, then reads window score documents in a closed loop at 4 and 8
 * clients, beside a same-run baseline: the service's own `/health/live`
 * (same process, same HTTP stack, no work). Figures last.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { closedLoop, type LoadResult } from './lib/load.ts';
import { admin, databaseUrl } from './lib/admin-db.ts';
import { startServer, stopServer } from './lib/child-server.ts';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '6' } } });
const seconds = Number(args.seconds);
const dbName = `bench_reads_${randomBytes(4).toString('hex')}`;
const dbUrl = databaseUrl(dbName);
const ADMIN = 'bench-admin-token-0123456789';
const PORT = 3211;


async function post(path: string, body: unknown) {
  const res = await fetch(`http://127.0.0.1:${PORT}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<any>;
}

await admin(`CREATE DATABASE ${dbName}`);
const service = await startServer('services/api/src/server.ts', { DATABASE_URL: dbUrl, ADMIN_TOKEN: ADMIN, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', DATA_DIR: `/tmp/${dbName}` }, PORT, '/health/ready');
const rows: Array<{ name: string; r: LoadResult }> = [];
try {
  const now = new Date();
  const month = now.toISOString().slice(0, 7);
  const hall = await post('/v1/halls', { name: 'reads', assessmentStartsOn: `${month}-01`, autoAdvance: false });
  const dashboard = (await post(`/v1/halls/${hall.id}/clients`, { name: 'board', role: 'dashboard' })).token as string;
  const at = `${month}-01T01:00:00Z`;
  const org: unknown[] = [{ id: 'dep', type: 'DepartmentRegistered', occurredAt: at, data: { departmentId: 'dep', name: 'd' } }];
  for (let w = 0; w < 50; w += 1) org.push({ id: `w${w}`, type: 'WindowOpened', occurredAt: at, data: { windowId: `w${w}`, number: String(w), name: `W${w}`, departmentId: 'dep', kind: w % 2 ? 'approval' : 'public_service' } });
  for (let s = 0; s < 200; s += 1) {
    org.push({ id: `s${s}`, type: 'StaffRegistered', occurredAt: at, data: { staffId: `s${s}`, name: `S${s}`, departmentId: 'dep' } });
    org.push({ id: `a${s}`, type: 'StaffAssigned', occurredAt: at, data: { staffId: `s${s}`, windowId: `w${s % 50}`, post: 'A' } });
  }
  await post(`/v1/halls/${hall.id}/events`, { events: org });
  const findings = Array.from({ length: 500 }, (_, i) => ({
    id: `f${i}`,
    type: 'InspectionRecorded',
    occurredAt: at,
    data: { inspectionId: `f${i}`, inspectorId: 'i', findings: [{ ruleCode: 'HYG_NOT_CLEAN', windowId: `w${i % 50}`, staffId: `s${i % 200}` }] },
  }));
  await post(`/v1/halls/${hall.id}/events`, { events: findings });
  const headers = { authorization: `Bearer ${dashboard}` };
  let i = 0;
  const docPath = () => `/v1/halls/${hall.id}/periods/${month}/windows/w${i++ % 50}`;
  // Warm up: first read catches the projection up.
  await fetch(`http://127.0.0.1:${PORT}${docPath()}`, { headers });
  for (const concurrency of [4, 8]) {
    const base = await closedLoop({ port: PORT, path: '/health/live', method: 'GET', headers, body: () => '', concurrency, seconds });
    rows.push({ name: `baseline /health/live c=${concurrency}`, r: base });
    const paths = Array.from({ length: 50 }, () => docPath());
    let k = 0;
    const docs = await closedLoop({ port: PORT, path: paths[0]!, method: 'GET', headers, body: () => '', concurrency, seconds, pathOf: () => paths[k++ % 50]! });
    rows.push({ name: `score document c=${concurrency}`, r: docs });
  }
} finally {
  await stopServer(service);
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}
console.log('\nscore-document reads over HTTP (closed loop, same run)');
for (const { name, r } of rows) {
  console.log(`${name.padEnd(30)} ${r.perSecond.toFixed(0).padStart(6)} req/s  p50 ${r.p50ms.toFixed(2)} ms  p99 ${r.p99ms.toFixed(2)} ms  errors ${r.errors}`);
}
console.log('goal: p99 < 10 ms while serving ≥ 2,000 req/s');
