import type { Kysely } from 'kysely';
import { DomainError, schemaVersions } from '@hall/contracts';
import { appendedCount, appendEventsInTransaction, type AppendOutcome, type Database } from '@hall/event-store';
import type { HallStates } from './hall-states.ts';
import { organisationView } from './organisation-view.ts';
import { storeFailure } from './store-failure.ts';

/** The client id the service's own events (rules, appeals, period moves) are recorded under. */
export const SYSTEM_CLIENT = 'system';

export type ServiceEvent = { id: string; type: string; occurredAt: string; data: Record<string, unknown> };

/**
 * Appends service events with deterministic ids, in `trx` when the caller
 * holds one (a publication), else in a transaction of its own, and returns
 * the store's outcome. A use case whose "only one" rule rests on an event id
 * (decision 1121) reads a reused id (`EVENT_ID_CONFLICT`) or a `duplicate`
 * result as "someone else got there first".
 */
export async function tryAppendServiceEvents(halls: HallStates, hallId: string, events: ServiceEvent[], trx?: Kysely<Database>): Promise<AppendOutcome> {
  const run = (t: Kysely<Database>) => appendEventsInTransaction(t, { hallId, clientId: SYSTEM_CLIENT, now: halls.clock(), schemaVersions, events, view: organisationView });
  halls.appending(hallId);
  const outcome = trx ? await run(trx) : await halls.db.transaction().execute((t) => run(t));
  halls.appended(hallId, outcome.ok ? appendedCount(outcome.results) : 0, 'service');
  return outcome;
}

/** True when the store took none of `events` because their ids were already taken (by other content or the same). */
export function idsTaken(outcome: AppendOutcome): boolean {
  if (!outcome.ok) return outcome.code === 'EVENT_ID_CONFLICT';
  return outcome.results.every((r) => r.status === 'duplicate');
}

/**
 * Same, for events the use case decided alone: a refusal by the store is a
 * broken invariant and throws.
 */
export async function appendServiceEvents(halls: HallStates, hallId: string, events: ServiceEvent[], trx?: Kysely<Database>) {
  const outcome = await tryAppendServiceEvents(halls, hallId, events, trx);
  if (!outcome.ok) {
    const failure = storeFailure(outcome.code, outcome.errors);
    throw new DomainError(failure.code, failure.message, failure.errors);
  }
  return outcome;
}
