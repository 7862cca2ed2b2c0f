import { schemaVersions, type IncomingEvent } from '@hall/contracts';
import { appendEvents, appendedCount } from '@hall/event-store';
import type { HallStates } from './hall-states.ts';
import { organisationView } from './organisation-view.ts';
import { storeFailure } from './store-failure.ts';
import { fail, succeed, type Outcome } from './outcome.ts';

export type AppendResult = Array<{ id: string; status: 'appended' | 'duplicate'; position: number }>;

/**
 * Appends a client's batch, already validated against the contract, as one
 * hall-locked transaction (references, idempotency, chain and insert are the
 * store's steps; the organisation view is written in that transaction); the projection then catches up in the background.
 */
export async function appendClientEvents(
  halls: HallStates,
  hallId: string,
  clientId: string,
  events: readonly IncomingEvent[],
): Promise<Outcome<AppendResult>> {
  halls.appending(hallId);
  const outcome = await appendEvents(halls.db, { hallId, clientId, now: halls.clock(), schemaVersions, events: events as IncomingEvent[], view: organisationView });
  halls.appended(hallId, outcome.ok ? appendedCount(outcome.results) : 0, 'client', outcome.ok ? () => outcome.run : undefined);
  if (!outcome.ok) {
    const failure = storeFailure(outcome.code, outcome.errors);
    return fail(failure.code, failure.message, failure.errors);
  }
  return succeed(outcome.results);
}
