import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { readEvents, type Database, type StoredEvent } from '@hall/event-store';
import { foldBadRatingCases, type BadRatingCase } from '@hall/scoring';
import type { HallStates } from '../hall-states.ts';
import { lateOpenedRatings, mayOpenEarlierCases } from './late-opened.ts';
import { casePayload, type WebhookPayload } from './payload.ts';
import { webhookDb, type WebhookKind } from './webhook-tables.ts';

/** Events read per dispatch transaction; the next run goes on from the cursor. */
const DISPATCH_BATCH = 1000;

export interface DispatchReport {
  hallId: string;
  /** Delivery ids inserted by this run (none on a second run over the same history). */
  inserted: string[];
  position: number;
}

/** One delivery per (webhook, event): a second dispatcher computes the same id and inserts nothing. */
export function deliveryId(webhookId: string, eventId: string): string {
  return `whd-${createHash('sha256').update(`${webhookId}\u0000${eventId}`).digest('hex').slice(0, 40)}`;
}

/** Halls with at least one webhook: the only ones the dispatcher looks at. */
export async function hallsWithWebhooks(halls: HallStates): Promise<string[]> {
  const rows = await webhookDb(halls.db).selectFrom('webhook_cursors').select('hall_id').orderBy('hall_id').execute();
  return rows.map((r) => r.hall_id);
}

/**
 * The outbox step: turns the hall's history after its cursor into delivery
 * rows and moves the cursor, in one transaction that holds the cursor row, so
 * two dispatchers at once take turns and neither inserts a delivery twice.
 * Reads only as far as the in-memory state has folded, so the case fold knows
 * every event it looks at (decision 1711 says which events notify).
 */
export async function dispatchHall(halls: HallStates, hallId: string): Promise<DispatchReport> {
  // Where a projector thread holds the states, there (decision 1911).
  const elsewhere = halls.dueJobsElsewhere();
  if (elsewhere) return (await elsewhere('webhooks', hallId, halls.clock())) as DispatchReport;
  const state = await halls.caughtUp(hallId);
  const now = halls.clock();
  return halls.db
    .transaction()
    .execute(async (t) => {
      const trx = webhookDb(t);
      const cursor = await trx.selectFrom('webhook_cursors').select('position').where('hall_id', '=', hallId).forUpdate().executeTakeFirst();
      if (!cursor) return { hallId, inserted: [], position: 0 };
      const after = Number(cursor.position);
      if (state.position <= after) return { hallId, inserted: [], position: after };
      const events = await readEvents(t, hallId, { after, through: state.position, limit: DISPATCH_BATCH });
      const last = events.at(-1)?.position ?? after;
      const webhooks = await trx.selectFrom('webhooks').select(['webhook_id', 'kinds', 'from_position']).where('hall_id', '=', hallId).execute();
      const relevant = webhooks.length === 0 ? [] : events.filter(notifies);
      // A 差评 behind the cursor may have become counted by this page (its ticket completed later): decision 1834.
      const mayOpen = webhooks.some((w) => w.kinds.includes('case_opened')) && mayOpenEarlierCases(events);
      let notices: Notice[] = [];
      if (relevant.length > 0 || mayOpen) {
        const named = relevant.length === 0 ? new Set<string>() : await namedRatingsOf(t, hallId, relevant);
        let cases = foldBadRatingCases(state.model, { namedRatings: named });
        const late = mayOpen ? await lateOpenedRatings(t, hallId, cases, after, webhooks) : [];
        const lateNamed = late.filter((e) => e.personalRef !== null && !named.has(e.id));
        if (lateNamed.length > 0) {
          for (const e of lateNamed) named.add(e.id);
          cases = foldBadRatingCases(state.model, { namedRatings: named });
        }
        notices = noticesOf([...late, ...relevant], cases);
      }
      const rows = [];
      for (const notice of notices) {
        for (const w of webhooks) {
          if (!w.kinds.includes(notice.kind) || notice.event.position <= Number(w.from_position)) continue;
          const id = deliveryId(w.webhook_id, notice.event.id);
          const payload: WebhookPayload = { deliveryId: id, type: notice.kind, hallId, eventId: notice.event.id, occurredAt: notice.event.occurredAt, ...notice.body };
          rows.push({
            hall_id: hallId,
            delivery_id: id,
            webhook_id: w.webhook_id,
            event_id: notice.event.id,
            position: notice.event.position,
            kind: notice.kind,
            payload: JSON.stringify(payload),
            status: 'pending' as const,
            next_attempt_at: now,
            created_at: now,
          });
        }
      }
      const inserted =
        rows.length === 0 ? [] : await trx.insertInto('webhook_deliveries').values(rows).onConflict((oc) => oc.columns(['hall_id', 'delivery_id']).doNothing()).returning('delivery_id').execute();
      await trx.updateTable('webhook_cursors').set({ position: last }).where('hall_id', '=', hallId).execute();
      return { hallId, inserted: inserted.map((r) => r.delivery_id), position: last };
    });
}

interface Notice {
  kind: WebhookKind;
  event: StoredEvent;
  body: Pick<WebhookPayload, 'case' | 'step' | 'dueAt'>;
}

/** The events that may notify: 差评s (the fold decides whether they opened a case) and case marks. */
function notifies(e: StoredEvent): boolean {
  return e.type === 'BadRatingCaseWarned' || e.type === 'BadRatingCaseOverdue' || (e.type === 'RatingSubmitted' && Number(e.data['level']) <= 2);
}

/**
 * Which events of a page notify: a 差评 that opened a case (the pure fold
 * decides, as of everything the state knows), and the Warned / Overdue marks
 * of a case still waiting for that step (a mark appended by catch-up for a
 * step done meanwhile, or for a closed or void case, is not sent).
 */
function noticesOf(relevant: StoredEvent[], cases: BadRatingCase[]): Notice[] {
  const byRating = new Map(cases.map((c) => [c.ratingEventId, c]));
  const byId = new Map(cases.map((c) => [c.caseId, c]));
  const notices: Notice[] = [];
  for (const e of relevant) {
    if (e.type === 'RatingSubmitted') {
      const c = byRating.get(e.id);
      if (c && !c.voided) notices.push({ kind: 'case_opened', event: e, body: { case: casePayload(c) } });
      continue;
    }
    const data = e.data as { badRatingCaseId: string; step: 'contact' | 'rectification'; dueAt: string };
    const c = byId.get(data.badRatingCaseId);
    if (!c || c.voided || c.closed) continue;
    const step = data.step === 'contact' ? c.contact : c.rectification;
    if (step?.done) continue;
    notices.push({ kind: e.type === 'BadRatingCaseWarned' ? 'case_due_soon' : 'case_overdue', event: e, body: { case: casePayload(c), step: data.step, dueAt: data.dueAt } });
  }
  return notices;
}

/**
 * Which of the page's cases are 实名: the store kept the rating's contact apart
 * and left its `personalRef` on the rating (decision 1201). A mark names its
 * rating, which may lie on an earlier page, so the store is asked.
 */
async function namedRatingsOf(db: Kysely<Database>, hallId: string, relevant: StoredEvent[]): Promise<Set<string>> {
  const ids = [...new Set(relevant.map((e) => (e.type === 'RatingSubmitted' ? e.id : String(e.data['ratingEventId']))))];
  const rows = await db
    .selectFrom('events')
    .select('event_id')
    .where('hall_id', '=', hallId)
    .where('event_id', 'in', ids)
    .where('personal_ref', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.event_id));
}
