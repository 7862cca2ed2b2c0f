import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { Database } from '../database.ts';

/**
 * The hall's append lock (decision 1821): a transaction-scoped advisory lock
 * every writer of a hall's events takes before the hall row. The pipelined
 * statement takes it *shared*, inserts its rows and only then waits for the
 * hall row (the group before it holds that row until its commit), so the
 * inserts of two pipelined groups overlap. Everything else that locks the
 * hall row (the locked append path, a period move) takes it *exclusively*
 * first: it waits until no pipelined insert is in flight, and a pipelined
 * statement arriving meanwhile queues behind it (PostgreSQL's lock queue is
 * fair), so
 *   - no writer ever waits on a pipelined statement's uncommitted rows while
 *     that statement waits on the writer's row lock (no deadlock), and
 *   - a period close is not starved by a steady stream of pipelined appends.
 * The key space `hall-append` is this lock's alone; a hash collision of two
 * hall ids only makes their appends wait for each other.
 */
export function appendLockShared(hallId: string): RawBuilder<unknown> {
  return sql`pg_advisory_xact_lock_shared(hashtext('hall-append'), hashtext(${hallId}::text))`;
}

/**
 * The lock a pipelined statement holds, from its start to its commit, on the
 * head position it leaves; the statement planned on that head takes it after
 * its own inserts and before the hall row. Without it the later statement,
 * whose inserts ran beside the earlier one's, could reach the hall row first,
 * find the head not yet moved and fail. Keys are bigint advisory keys (their
 * own space beside the two-key form of the append lock); a hash collision
 * only makes a statement wait longer, and a wait always goes to a lower
 * position, so these waits never form a cycle.
 */
export function headLock(hallId: string, headPosition: number): RawBuilder<unknown> {
  return sql`pg_advisory_xact_lock(hashtextextended(${hallId}::text || '/' || ${headPosition}::bigint::text, 0))`;
}

export function appendLockExclusive(hallId: string): RawBuilder<unknown> {
  return sql`pg_advisory_xact_lock(hashtext('hall-append'), hashtext(${hallId}::text))`;
}

/**
 * Locks the hall for the rest of the caller's transaction the way an append
 * does (the append lock exclusively, then the hall row), in one round trip.
 * For callers that decide something under the hall's lock before appending
 * (a period move). Returns the head position, or undefined for no such hall.
 */
export async function lockHall(trx: Kysely<Database>, hallId: string): Promise<number | undefined> {
  // The row is joined to the advisory lock's one row, so the lock is taken before the row lock.
  const { rows } = await sql<{ head_position: string }>`
    with append_lock as (select ${appendLockExclusive(hallId)})
    select h.head_position from halls h, append_lock where h.hall_id = ${hallId} for update of h`.execute(trx);
  return rows[0] ? Number(rows[0].head_position) : undefined;
}
