import { sql, type Kysely } from 'kysely';
import type { Database } from '@hall/event-store';

/**
 * Takes the (projection, hall) ownership for the rest of the transaction, or
 * answers false at once when another runner holds it. A transaction-scoped
 * advisory lock: released at commit, at rollback, and when the owner's
 * connection dies (a killed worker frees its halls within the server's
 * noticing of the closed socket, no lease to expire).
 */
export async function tryOwn(trx: Kysely<Database>, hallId: string, projection: string): Promise<boolean> {
  const { rows } = await sql<{ got: boolean }>`select pg_try_advisory_xact_lock(hashtext(${projection}), hashtext(${hallId})) as got`.execute(trx);
  return rows[0]?.got === true;
}
