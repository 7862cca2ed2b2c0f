import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@hall/testing';

/**
 * The schema stays ready to distribute by hall (docs/scale-out.md): on Citus
 * `hall_id` is the distribution column, so every key that must be unique has
 * to start with it, and a foreign key between two distributed tables has to
 * carry it. Checked on the migrated schema, so a new migration is held to it.
 */

/** Tables without hall_id, each with the reason it may have none (docs/scale-out.md, "Not by hall"). */
const NOT_BY_HALL: Record<string, string> = {
  service_settings: 'service-wide settings (the operator token hash): a few rows, read at start; a Citus reference table',
  audit_public_keys: 'every key that ever signed, for every hall: a few rows, written at start and per publication; a Citus reference table',
  kysely_migration: "the migrator's bookkeeping, on the coordinator only (a local table)",
  kysely_migration_lock: "the migrator's lock row, on the coordinator only (a local table)",
};

interface Constraint {
  table: string;
  name: string;
  kind: 'p' | 'u' | 'f' | 'i';
  columns: string[];
  refTable: string | null;
  refColumns: string[] | null;
}

let t: TestDatabase;
let tables: string[];
let hallScoped: Set<string>;
let keys: Constraint[];

beforeAll(async () => {
  t = await createTestDatabase();
  const columns = await sql<{ table: string; column: string }>`
    select c.table_name as "table", c.column_name as "column"
    from information_schema.columns c join information_schema.tables tb using (table_schema, table_name)
    where c.table_schema = 'public' and tb.table_type = 'BASE TABLE'`.execute(t.db);
  tables = [...new Set(columns.rows.map((r) => r.table))].sort();
  hallScoped = new Set(columns.rows.filter((r) => r.column === 'hall_id').map((r) => r.table));
  const constraints = await sql<Constraint>`
    select con.conrelid::regclass::text as "table", con.conname as "name", con.contype as "kind",
      array(select a.attname::text from unnest(con.conkey) with ordinality k(num, ord)
            join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.num order by k.ord) as "columns",
      case when con.contype = 'f' then con.confrelid::regclass::text end as "refTable",
      case when con.contype = 'f' then array(select a.attname::text from unnest(con.confkey) with ordinality k(num, ord)
            join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.num order by k.ord) end as "refColumns"
    from pg_constraint con join pg_namespace n on n.oid = con.connamespace
    where n.nspname = 'public' and con.contype in ('p', 'u', 'f')`.execute(t.db);
  // Unique indexes made with CREATE UNIQUE INDEX (no constraint behind them) bind the same way.
  const indexes = await sql<Constraint>`
    select i.indrelid::regclass::text as "table", ic.relname as "name", 'i' as "kind",
      array(select a.attname::text from unnest(i.indkey::int2[]) with ordinality k(num, ord)
            join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.num order by k.ord) as "columns",
      null as "refTable", null as "refColumns"
    from pg_index i join pg_class ic on ic.oid = i.indexrelid join pg_namespace n on n.oid = ic.relnamespace
    where n.nspname = 'public' and i.indisunique
      and not exists (select 1 from pg_constraint con where con.conindid = i.indexrelid)`.execute(t.db);
  keys = [...constraints.rows, ...indexes.rows];
});
afterAll(() => t?.drop());

describe('the schema, distributed by hall', () => {
  it('has hall_id on every table but the named exceptions', () => {
    expect(tables.length).toBeGreaterThan(10);
    expect(tables.filter((table) => !hallScoped.has(table) && !(table in NOT_BY_HALL))).toEqual([]);
    // An exception that gained hall_id (or was dropped) comes off the list.
    expect(Object.keys(NOT_BY_HALL).filter((table) => hallScoped.has(table) || !tables.includes(table))).toEqual([]);
  });

  it('starts the primary key of every hall-scoped table with hall_id', () => {
    const primary = new Map(keys.filter((k) => k.kind === 'p').map((k) => [k.table, k.columns]));
    const wrong = [...hallScoped].filter((table) => primary.get(table)?.[0] !== 'hall_id').map((table) => `${table}: primary key (${primary.get(table)?.join(', ') ?? 'none'})`);
    expect(wrong).toEqual([]);
  });

  it('starts every unique constraint and unique index of a hall-scoped table with hall_id', () => {
    const wrong = keys.filter((k) => (k.kind === 'u' || k.kind === 'i') && hallScoped.has(k.table) && k.columns[0] !== 'hall_id').map((k) => `${k.table}.${k.name} (${k.columns.join(', ')})`);
    expect(wrong).toEqual([]);
  });

  it('carries hall_id, matched to hall_id, in every foreign key between hall-scoped tables', () => {
    const foreign = keys.filter((k) => k.kind === 'f' && hallScoped.has(k.table) && hallScoped.has(k.refTable ?? ''));
    expect(foreign.length).toBeGreaterThan(5);
    const wrong = foreign
      .filter((k) => {
        const at = k.columns.indexOf('hall_id');
        return at < 0 || k.refColumns?.[at] !== 'hall_id';
      })
      .map((k) => `${k.table}.${k.name} (${k.columns.join(', ')}) -> ${k.refTable} (${k.refColumns?.join(', ')})`);
    expect(wrong).toEqual([]);
  });

  it('has no foreign key from a hall-scoped table into a table not by hall, or back', () => {
    // A reference table may be pointed at on Citus, but then every write of the referenced row locks every shard; none is needed today.
    const crossing = keys.filter((k) => k.kind === 'f' && hallScoped.has(k.table) !== hallScoped.has(k.refTable ?? '')).map((k) => `${k.table}.${k.name} -> ${k.refTable}`);
    expect(crossing).toEqual([]);
  });
});
