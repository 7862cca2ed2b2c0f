import type { Kysely } from 'kysely';
import { schemaVersions } from '@hall/contracts';
import { appendEventsInTransaction, createHall as insertHall, getHall, type Database } from '@hall/event-store';
import { defaultCatalogue } from '@hall/scoring';
import { SYSTEM_CLIENT } from './append-service-events.ts';
import { hallDocument, type HallDocument } from './hall-document.ts';
import { fail, succeed, type Outcome } from './outcome.ts';

export interface HallInput {
  hallId: string;
  name: string;
  timezone: string;
  assessmentStartsOn: string;
  autoAdvance: boolean;
}

/** Creates a hall and starts its history: `HallCreated`, then catalogue version 1 (the default, data). */
export async function createHall(deps: { db: Kysely<Database>; clock: () => Date }, input: HallInput): Promise<Outcome<HallDocument>> {
  const now = deps.clock();
  const nowText = now.toISOString();
  const created = await deps.db.transaction().execute(async (trx) => {
    const inserted = await insertHall(trx, input, now);
    if (!inserted.ok) return false;
    const catalogue = defaultCatalogue(input.assessmentStartsOn);
    const outcome = await appendEventsInTransaction(trx, {
      hallId: input.hallId,
      clientId: SYSTEM_CLIENT,
      now,
      schemaVersions,
      events: [
        { id: `hall:${input.hallId}:created`, type: 'HallCreated', occurredAt: nowText, data: { ...input } },
        { id: `rules:${input.hallId}:v1`, type: 'RuleCatalogueVersionPublished', occurredAt: nowText, data: catalogue as unknown as Record<string, unknown> },
      ],
    });
    if (!outcome.ok) throw new Error(`could not start the history of hall ${input.hallId}: ${outcome.code}`);
    return true;
  });
  if (!created) return fail('HALL_EXISTS', `Hall ${input.hallId} already exists`, [{ path: '/id', message: 'already exists' }]);
  const hall = await getHall(deps.db, input.hallId);
  if (!hall) throw new Error(`hall ${input.hallId} vanished after creation`);
  return succeed(hallDocument(hall));
}
