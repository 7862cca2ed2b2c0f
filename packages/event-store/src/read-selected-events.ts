import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './database.ts';
import { COLUMNS, type EventRowText, toEvent } from './read-events.ts';
import type { StoredEvent } from './stored-event.ts';

/*
 * Reads of a few chosen events of one hall, for a state that holds only part
 * of the history (decision 1411): carried events by position, events named
 * by id, and the few events of some types. Each is a single-shard query by
 * hall id, in position order.
 */

const BY_POSITIONS = `select ${COLUMNS} from events where hall_id = $1 and position = any($2::bigint[]) order by position`;
const BY_IDS = `select ${COLUMNS} from events where hall_id = $1 and event_id = any($2::text[]) order by position`;
const BY_TYPES = `select ${COLUMNS} from events where hall_id = $1 and type = any($2::text[]) and position > $3 order by position`;
const BY_DATA_KEY = `select ${COLUMNS} from events where hall_id = $1 and type = $2 and data->>$3 = any($4::text[]) order by position`;

/** The events at these positions (those that exist). */
export async function readEventsAt(db: Kysely<Database>, hallId: string, positions: readonly number[]): Promise<StoredEvent[]> {
  if (positions.length === 0) return [];
  const { rows } = await db.executeQuery<EventRowText>(CompiledQuery.raw(BY_POSITIONS, [hallId, positions.map(String)]));
  return rows.map(toEvent);
}

/** The events with these ids (those that exist). */
export async function readEventsById(db: Kysely<Database>, hallId: string, ids: readonly string[]): Promise<StoredEvent[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.executeQuery<EventRowText>(CompiledQuery.raw(BY_IDS, [hallId, [...ids]]));
  return rows.map(toEvent);
}

/** Every event of these types after `after` (index events_hall_type, migration 0011). */
export async function readEventsOfTypes(db: Kysely<Database>, hallId: string, types: readonly string[], after = 0): Promise<StoredEvent[]> {
  const { rows } = await db.executeQuery<EventRowText>(CompiledQuery.raw(BY_TYPES, [hallId, [...types], after]));
  return rows.map(toEvent);
}

/**
 * The events of one type whose data field `key` holds one of `values` (say the
 * approvals of some leaves): index events_hall_type, then the few rows of the
 * type filtered by the field, in one single-shard query.
 */
export async function readEventsByDataKey(db: Kysely<Database>, hallId: string, type: string, key: string, values: readonly string[]): Promise<StoredEvent[]> {
  if (values.length === 0) return [];
  const { rows } = await db.executeQuery<EventRowText>(CompiledQuery.raw(BY_DATA_KEY, [hallId, type, key, [...values]]));
  return rows.map(toEvent);
}
