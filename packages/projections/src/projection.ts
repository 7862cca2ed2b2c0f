import type { Kysely } from 'kysely';
import type { Database } from '@hall/event-store';
import type { ProjectionName } from './checkpoints.ts';

/**
 * A named, versioned projection of a hall's history into tables. The runner
 * owns the checkpoint, the ownership lock and the transaction; the projection
 * folds events into its per-hall state `S` and writes its rows.
 */
export interface Projection<S> extends ProjectionName {
  /** A state for the hall folded through `through`, whose rows are already written (0: none are). */
  open(db: Kysely<Database>, hallId: string, through: number): Promise<S>;
  /** The position the state is folded through. */
  position(state: S): number;
  /** Folds the events after the state's position, as far as `db` sees the history. */
  catchUp(db: Kysely<Database>, state: S): Promise<void>;
  /**
   * Writes what the events folded since the last committed write change.
   * `forget`: another runner wrote since, so no cache of what is in the
   * tables may be trusted. Answers whether anything was written.
   */
  write(trx: Kysely<Database>, state: S, opts: { forget: boolean }): Promise<boolean>;
  /** The transaction of the last `write` committed. */
  committed(state: S): void;
  /** Removes the rows another version of this projection wrote for the hall (at the switch to this one). */
  dropVersion(trx: Kysely<Database>, hallId: string, version: number): Promise<void>;
}
