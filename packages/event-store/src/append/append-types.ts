import type { Kysely } from 'kysely';
import type { FieldError } from '@hall/contracts';
import type { Database } from '../database.ts';
import type { StoredEvent } from '../stored-event.ts';
import type { CommittedRun } from '../committed-run.ts';

/**
 * A reader that must see an append in the append's own transaction (the
 * organisation view, whose rows the next batch's reference check reads).
 * The store knows it only by this shape: which event types it handles and
 * how to write them.
 */
export interface InTransactionView {
  eventTypes: ReadonlySet<string>;
  /** The events of one batch that it handles, in position order, under the hall's lock. */
  apply(trx: Kysely<Database>, hallId: string, events: StoredEvent[]): Promise<void>;
}

export interface AppendInput {
  hallId: string;
  clientId: string;
  now: Date;
  /** Already validated against the contract's zod schemas. */
  events: Array<{ id: string; type: string; occurredAt: string; data: Record<string, unknown> }>;
  /** type → schema version (contracts' `schemaVersions`); every type in `events` must be present. */
  schemaVersions: Record<string, number>;
  /** Written in the append's transaction; without it the store writes nothing but the history. */
  view?: InTransactionView;
}

export type AppendOutcome =
  | {
      ok: true;
      /** In request order. A duplicate carries the position it was first stored at. */
      results: Array<{ id: string; status: 'appended' | 'duplicate'; position: number }>;
      /** The events stored by this call, in position order (made when first read: to count them, use {@link appendedCount}). */
      appended: StoredEvent[];
      /** The same events as one {@link CommittedRun} (made when first read; undefined when none was stored). */
      run: CommittedRun | undefined;
    }
  | { ok: false; code: 'HALL_NOT_FOUND' | 'EVENT_ID_CONFLICT' | 'UNKNOWN_REFERENCE'; errors: FieldError[] };

/** How many events of an accepted batch were stored (not duplicates), without making their copies (1895). */
export function appendedCount(results: ReadonlyArray<{ status: 'appended' | 'duplicate' }>): number {
  let n = 0;
  for (const r of results) if (r.status === 'appended') n += 1;
  return n;
}

/** `dataText` is `canonicalJson(data)`: hashed into the chain and stored as it is in the `json` column (0307). */
export type AppendedEvent = StoredEvent & { hallId: string; dataText: string; contact: string | undefined };

/** What an append needs to know of its hall besides the ids already stored. */
export interface HallHead {
  headPosition: number;
  headHash: string;
  contactSalt: string;
  /** `kind:id` of organisation entities the hall has (the ones asked about or registered since). */
  known: Set<string>;
}

/**
 * Ids already stored (or appended earlier in the group) with their content
 * fingerprint, made only when an id comes again (decision 1881).
 */
export type StoredIds = Map<string, { position: number; contentHash: () => string }>;
