import type { Kysely } from 'kysely';
import { readEventsById, type Database, type StoredEvent } from '@hall/event-store';
import type { BadRatingCase } from '@hall/scoring';
import { webhookDb } from './webhook-tables.ts';

/**
 * Events that can make a 差评 already behind the cursor counted (docs/domain.md §5):
 * the completion of its ticket or case (it was unverified), the void of an earlier
 * rating of the same ticket (it was a duplicate), a catalogue version with another
 * suspicious-rating gap. A page with none of them opens no earlier case.
 */
const MAY_OPEN_EARLIER: ReadonlySet<string> = new Set(['ServiceCompleted', 'CaseAccepted', 'CaseCompleted', 'EventVoided', 'RuleCatalogueVersionPublished']);

export function mayOpenEarlierCases(events: readonly StoredEvent[]): boolean {
  return events.some((e) => MAY_OPEN_EARLIER.has(e.type));
}

interface HearingWebhook {
  webhook_id: string;
  kinds: string[];
  from_position: string | number;
}

/**
 * The 差评s behind the cursor (position ≤ `after`) whose case is open now but
 * was not announced: the rating was dispatched before a later event made it
 * counted (decision 1834). A case is owed to a webhook that hears
 * `case_opened` and was registered before its rating, and has no
 * `case_opened` delivery for that rating yet; the delivery id is the one the
 * rating's own page would have given (webhook, rating event), so it is sent
 * once whichever page finds it. Asks the store for the open cases' ratings
 * and their deliveries: two hall-filtered queries, bounded by the cases of the
 * months the state holds.
 */
export async function lateOpenedRatings(db: Kysely<Database>, hallId: string, cases: readonly BadRatingCase[], after: number, webhooks: readonly HearingWebhook[]): Promise<StoredEvent[]> {
  const hearing = webhooks.filter((w) => w.kinds.includes('case_opened'));
  if (hearing.length === 0) return [];
  const earliest = Math.min(...hearing.map((w) => Number(w.from_position)));
  const ratings = (await readEventsById(db, hallId, cases.filter((c) => !c.voided).map((c) => c.ratingEventId))).filter((e) => e.position <= after && e.position > earliest);
  if (ratings.length === 0) return [];
  const sent = await webhookDb(db)
    .selectFrom('webhook_deliveries')
    .select(['webhook_id', 'event_id'])
    .where('hall_id', '=', hallId)
    .where('kind', '=', 'case_opened')
    .where(
      'event_id',
      'in',
      ratings.map((e) => e.id),
    )
    .execute();
  const delivered = new Set(sent.map((d) => `${d.webhook_id}\u0000${d.event_id}`));
  return ratings.filter((e) => hearing.some((w) => e.position > Number(w.from_position) && !delivered.has(`${w.webhook_id}\u0000${e.id}`)));
}
