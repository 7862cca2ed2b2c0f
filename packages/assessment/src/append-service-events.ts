import type { Kysely } from 'kysely';
import { DomainError, schemaVersions } from '@hall/contracts';
import { appendEventsInTransaction, type Database } from '@hall/event-store';
import type { HallStates } from './hall-states.ts';
import { organisationView } from './organisation-view.ts';
import { storeFailure } from './store-failure.ts';

/** The client id the service's own events (rules, appeals, period moves) are recorded under. */
export const SYSTEM_CLIENT = 'system';

export type ServiceEvent = { id: string; type: string; occurredAt: string; data: Record<string, unknown> };

/**
 * Appends service events with deterministic ids, in `trx` when the caller
 * holds one (a publication), else in a transaction of its own. The use cases
 * decided these events, so a refusal by the store is a broken invariant and
 * throws.
 */
export async function appendServiceEvents(halls: HallStates, hallId: string, events: ServiceEvent[], trx?: Kysely<Database>) {
  const run = (t: Kysely<Database>) => appendEventsInTransaction(t, { hallId, clientId: SYSTEM_CLIENT, now: halls.clock(), schemaVersions, events, view: organisationView });
  halls.appending(hallId);
  const outcome = trx ? await run(trx) : await halls.db.transaction().execute((t) => run(t));
  halls.appended(hallId, outcome.ok ? outcome.appended.length : 0, 'service');
  if (!outcome.ok) {
    const failure = storeFailure(outcome.code, outcome.errors);
    throw new DomainError(failure.code, failure.message, failure.errors);
  }
  return outcome;
}
