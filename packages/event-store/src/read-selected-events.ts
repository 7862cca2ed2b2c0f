import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './database.ts';
import { COLUMNS, type EventRowText, toEvent } from './read-events.ts';
import type { StoredEvent } from './stored-event.ts';
import { chunkRuns, positionRuns } from './position-runs.ts';

/*
 * Reads of a few chosen events of one hall, for a state that holds only part
 * of the history (decision 1411): carried events by position, events named
 * by id, and the few events of some types. Each is a single-shard query by
 * hall id, in position order.
 */

/*
 * By runs of positions: one range scan of the primary key per run, not one
 * descent per position, and no server-side sort (PostgreSQL 15 sorts the
 * rows of `position = any(...)`, on disk past work_mem). Each run is a
 * lateral subquery ordered by position with the run's length as its limit,
 * so the plan is an index scan per run whatever the planner guesses: a plain
 * join under a limit was planned, for a chunk of one run, as a sequential
 * scan of all the hall's events (a cost growing with the hall's age). The
 * outer limit (the chunk's size) keeps the estimated cost, and so JIT
 * compilation, down. Not a prepared statement: a generic plan would not see
 * the arrays' lengths. Rows come in run order and are sorted here anyway.
 */
const BY_RUNS = `select ${COLUMNS} from unnest($2::bigint[], $3::bigint[]) r(lo, hi)
  cross join lateral (select * from events e where e.hall_id = $1 and e.position between r.lo and r.hi order by e.position limit r.hi - r.lo + 1) e
  limit $4`;
/** Rows per read of chosen positions: the rows of one read are all in memory at once. */
const CHUNK = 5000;
const BY_IDS = `select ${COLUMNS} from events where hall_id = $1 and event_id = any($2::text[]) order by position`;
/**
 * The only types read by type: the partial index events_hall_type_read
 * (migration 0023, decision 1851) holds these alone, so appends of every
 * other type (tickets, ratings: nearly all of them) do not maintain it. The
 * list is written into the queries so that any plan, generic too, proves
 * the index's predicate; a type outside it would scan the hall's history.
 */
export const TYPES_READ_BY_TYPE: ReadonlySet<string> = new Set([
  'RuleCatalogueVersionPublished',
  'PeriodAdvanced',
  'AppealFiled',
  'AppealDecided',
  'StaffPeerReviewScored',
  'LeaveApproved',
]);
const INDEXED_TYPE = `type in (${[...TYPES_READ_BY_TYPE].map((t) => `'${t}'`).join(', ')})`;
const BY_TYPES = `select ${COLUMNS} from events where hall_id = $1 and type = any($2::text[]) and ${INDEXED_TYPE} and position > $3 order by position`;
const BY_DATA_KEY = `select ${COLUMNS} from events where hall_id = $1 and type = $2 and ${INDEXED_TYPE} and data->>$3 = any($4::text[]) order by position`;

/** The by-type query's text, for the test that checks its plan. */
export const BY_TYPES_FOR_TEST = BY_TYPES;

function requireIndexedTypes(types: readonly string[]): void {
  const other = types.filter((t) => !TYPES_READ_BY_TYPE.has(t));
  if (other.length > 0) throw new Error(`not in events_hall_type_read (migration 0023): ${other.join(', ')}; add them there and to TYPES_READ_BY_TYPE`);
}

/** The events at these positions (those that exist), in position order; `chunk` rows per read at most. */
export async function readEventsAt(db: Kysely<Database>, hallId: string, positions: readonly number[], chunk = CHUNK): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (const runs of chunkRuns(positionRuns(positions), chunk)) {
    const size = runs.reduce((sum, [lo, hi]) => sum + hi - lo + 1, 0);
    const params = [hallId, runs.map(([lo]) => String(lo)), runs.map(([, hi]) => String(hi)), size];
    const { rows } = await db.executeQuery<EventRowText>(CompiledQuery.raw(BY_RUNS, params));
    for (const row of rows) events.push(toEvent(row));
  }
  // Chunks are in position order and each is nearly sorted already: this sort is a pass over it.
  return events.sort((a, b) => a.position - b.position);
}

/** The events with these ids (those that exist). */
export async function readEventsById(db: Kysely<Database>, hallId: string, ids: readonly string[]): Promise<StoredEvent[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.executeQuery<EventRowText>(CompiledQuery.raw(BY_IDS, [hallId, [...ids]]));
  return rows.map(toEvent);
}

/** Every event of these types after `after` (index events_hall_type_read, migration 0023); only {@link TYPES_READ_BY_TYPE}. */
export async function readEventsOfTypes(db: Kysely<Database>, hallId: string, types: readonly string[], after = 0): Promise<StoredEvent[]> {
  requireIndexedTypes(types);
  const { rows } = await db.executeQuery<EventRowText>(CompiledQuery.raw(BY_TYPES, [hallId, [...types], after]));
  return rows.map(toEvent);
}

/**
 * The events of one type whose data field `key` holds one of `values` (say the
 * approvals of some leaves): index events_hall_type_read, then the few rows of the
 * type filtered by the field, in one single-shard query.
 */
export async function readEventsByDataKey(db: Kysely<Database>, hallId: string, type: string, key: string, values: readonly string[]): Promise<StoredEvent[]> {
  requireIndexedTypes([type]);
  if (values.length === 0) return [];
  const { rows } = await db.executeQuery<EventRowText>(CompiledQuery.raw(BY_DATA_KEY, [hallId, type, key, [...values]]));
  return rows.map(toEvent);
}
