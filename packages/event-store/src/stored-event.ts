import type { Selectable } from 'kysely';
import type { EventsTable } from './database.ts';

/** One event of a hall's history as the store returns it. `data` never holds personal fields. */
export interface StoredEvent {
  position: number;
  id: string;
  type: string;
  /** As the client sent it (the hash covers this text). */
  occurredAt: string;
  /** ISO 8601 UTC with milliseconds. */
  recordedAt: string;
  clientId: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  /** Salted hash of the citizen's contact, or null. */
  personalRef: string | null;
  hash: string;
  prevHash: string;
}

export const storedEventColumns = [
  'position',
  'event_id',
  'type',
  'occurred_at_text',
  'recorded_at',
  'client_id',
  'schema_version',
  'data',
  'personal_ref',
  'hash',
  'prev_hash',
] as const;

export type StoredEventRow = Pick<Selectable<EventsTable>, (typeof storedEventColumns)[number]>;

export function toStoredEvent(row: StoredEventRow): StoredEvent {
  return {
    position: Number(row.position),
    id: row.event_id,
    type: row.type,
    occurredAt: row.occurred_at_text,
    recordedAt: row.recorded_at.toISOString(),
    clientId: row.client_id,
    schemaVersion: row.schema_version,
    data: row.data,
    personalRef: row.personal_ref,
    hash: row.hash,
    prevHash: row.prev_hash,
  };
}
