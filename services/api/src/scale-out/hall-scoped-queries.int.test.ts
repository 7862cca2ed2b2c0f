import { sql, PostgresQueryCompiler, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, organisationEvents, type TestDatabase } from '@hall/testing';
import { createHall, createTestApp, type HallFixture, type TestApp } from '../testing/test-app.ts';

/**
 * "No hot-path query without a hall id filter" (docs/scale-out.md): on Citus
 * a statement on a table distributed by hall_id goes to one shard only when
 * it names the hall. Every statement the store sends during the requests a
 * hall's clients make all day is captured (a Kysely plugin sees raw `sql`
 * too) and held to that. Statements that span halls on purpose (the
 * operator's hall list, the scheduler's scan, metrics, rebuild of every hall)
 * are not on this path; docs/scale-out.md lists them.
 */
class CapturedSql implements KyselyPlugin {
  readonly statements: string[] = [];
  #compiler = new PostgresQueryCompiler();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.statements.push(this.#compiler.compileQuery(args.node, args.queryId).sql);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}


const TABLE_REF = /\b(?:from|join|into|update)\s+"?([a-z_]+)"?/gi;
const HALL_PREDICATE = /"?hall_id"?\s*(?:=|in\b)/i;
const INSERT_WITH_HALL = /^into\s+"?[a-z_]+"?\s*\([^)]*\bhall_id\b/i;

/**
 * The hall-scoped tables a statement reads or writes without naming the
 * hall. Each reference is judged by the text up to the next one: `into` an
 * insert whose column list has hall_id (Citus routes the row by its value);
 * `join` whose ON matches hall_id (what a co-located join needs); `from` or
 * `update` followed by a hall_id predicate, or qualified by the table's name
 * later on (the WHERE of a join). Coarse, as a text check is, but it fails on
 * the usual slip: a new query that forgot its hall.
 */
function unnamedHallTables(statement: string, hallScoped: ReadonlySet<string>): string[] {
  const refs = [...statement.matchAll(TABLE_REF)];
  return refs.flatMap((ref, i) => {
    const table = ref[1]!.toLowerCase();
    if (!hallScoped.has(table)) return [];
    const segment = statement.slice(ref.index!, refs[i + 1]?.index ?? statement.length);
    const keyword = segment.split(/\s+/)[0]!.toLowerCase();
    if (keyword === 'into') return INSERT_WITH_HALL.test(segment) ? [] : [table];
    if (keyword === 'join') return HALL_PREDICATE.test(segment.split(/\bwhere\b/i)[0]!) ? [] : [table];
    const qualified = new RegExp(`"?${table}"?\\."?hall_id"?\\s*(?:=|in\\b)`, 'i');
    return HALL_PREDICATE.test(segment) || qualified.test(statement.slice(ref.index!)) ? [] : [table];
  });
}

let database: TestDatabase;
let t: TestApp;
let hall: HallFixture;
const captured = new CapturedSql();
let hallScoped: Set<string>;

beforeAll(async () => {
  const plain = await createTestDatabase();
  const db = plain.db.withPlugin(captured);
  database = { ...plain, db, store: { ...plain.store, db } };
  t = await createTestApp({ database, now: '2026-11-26T04:00:00Z' });
  // Tables distributed by hall_id: every table with the column (packages/event-store/src/distribution-keys.int.test.ts keeps that honest).
  const columns = await sql<{ table_name: string }>`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'hall_id'`.execute(plain.db);
  hallScoped = new Set(columns.rows.map((r) => r.table_name));
});
afterAll(async () => {
  await t?.close();
  await database?.drop();
});

describe('hot-path statements name their hall', () => {
  it('every statement of a hall day touching a hall-scoped table filters by hall_id', async () => {
    hall = await createHall(t, { assessmentStartsOn: '2026-09-01' });
    await hall.post(organisationEvents('2026-09-01T08:00:00+08:00'));
    const kiosk = await hall.client('kiosk', { windowId: 'w1' });
    const dashboard = await hall.client('dashboard');
    // Everything before this point is the operator's setup; the day starts here.
    captured.statements.length = 0;

    const rated = await kiosk.post(`/v1/halls/${hall.hallId}/events`, {
      events: [{ id: 'r-1', type: 'RatingSubmitted', occurredAt: '2026-11-20T10:00:00+08:00', data: { ratingId: 'r-1', level: 5, channel: 'kiosk', windowId: 'w1' } }],
    });
    expect(rated.statusCode, rated.body).toBe(200);
    const reads = [
      `/v1/halls/${hall.hallId}`,
      `/v1/halls/${hall.hallId}/periods/2026-11`,
      `/v1/halls/${hall.hallId}/periods/2026-11/windows`,
      `/v1/halls/${hall.hallId}/periods/2026-11/windows/w1`,
      `/v1/halls/${hall.hallId}/periods/2026-11/staff`,
      `/v1/halls/${hall.hallId}/periods/2026-11/rankings`,
      `/v1/halls/${hall.hallId}/board`,
      `/v1/halls/${hall.hallId}/windows`,
      `/v1/halls/${hall.hallId}/events?after=0&limit=100`,
      `/v1/halls/${hall.hallId}/audit/checkpoints`,
    ];
    for (const url of reads) {
      const res = await dashboard.get(url);
      expect([200, 403], `${url}: ${res.body}`).toContain(res.statusCode);
    }
    // A period move and a publication (the supervisor's and the scheduler's path).
    t.setNow('2026-12-06T00:00:00+08:00');
    for (const to of ['collecting', 'preliminary']) {
      const moved = await hall.supervisor.post(`/v1/halls/${hall.hallId}/periods/2026-11/transitions`, { to });
      expect(moved.statusCode, moved.body).toBeLessThan(300);
    }

    expect(captured.statements.length).toBeGreaterThan(20);
    const offenders = captured.statements.filter((statement) => unnamedHallTables(statement, hallScoped).length > 0);
    expect([...new Set(offenders)]).toEqual([]);
  });

  it('would catch a statement that forgot its hall', () => {
    const scoped = new Set(['halls', 'events', 'windows', 'departments']);
    expect(unnamedHallTables('select "hall_id" from "halls" order by "hall_id"', scoped)).toEqual(['halls']);
    expect(unnamedHallTables('select * from "events" where "position" > $1', scoped)).toEqual(['events']);
    expect(unnamedHallTables('select * from "windows" inner join "departments" on "departments"."department_id" = "windows"."department_id" where "windows"."hall_id" = $1', scoped)).toEqual(['departments']);
    expect(unnamedHallTables('select * from "windows" inner join "departments" on "departments"."hall_id" = "windows"."hall_id" and "departments"."department_id" = "windows"."department_id" where "windows"."hall_id" = $1', scoped)).toEqual([]);
    expect(unnamedHallTables('insert into "events" ("position", "type") values ($1, $2)', scoped)).toEqual(['events']);
    expect(unnamedHallTables('insert into events (hall_id, position) select $1::text, u.position from jsonb_to_recordset($2::jsonb) as u(position bigint)', scoped)).toEqual([]);
    expect(unnamedHallTables('update halls set head_position = $1 where hall_id = $2', scoped)).toEqual([]);
  });
});
