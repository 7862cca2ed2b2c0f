import { createHash, randomUUID } from 'node:crypto';
import { DomainError, type EventOf, type LineItem, type ScoreDocument } from '@hall/contracts';
import { readEventsOfTypes } from '@hall/event-store';
import type { HallStates } from './hall-states.ts';
import { idsTaken, tryAppendServiceEvents } from './append-service-events.ts';
import { storeFailure } from './store-failure.ts';
import { toAssessmentEvent, type HallState } from './hall-state.ts';
import { viewDb } from './view-tables.ts';

/** Who files an appeal: a supervisor (the operator acts as one), or a window head bound to a window. */
export type Appellant = { role: 'supervisor' } | { role: 'window_head'; windowId: string | null };

interface Found {
  period: string;
  doc: ScoreDocument;
  item: LineItem;
}

/** Finds a line item by its stable id in the live views, else in the latest published versions. */
async function findLineItem(a: HallStates, state: HallState, lineItemId: string): Promise<Found | undefined> {
  const needle = JSON.stringify({ lineItems: [{ id: lineItemId }] });
  const live = await viewDb(a.db)
    .selectFrom('score_views')
    .select(['period', 'document'])
    .where('hall_id', '=', state.hall.hallId)
    .where('document', '@>', needle as never)
    .execute();
  const published = await viewDb(a.db)
    .selectFrom('period_versions')
    .select(['period', 'version', 'windows', 'staff'])
    .where('hall_id', '=', state.hall.hallId)
    .orderBy('version', 'desc')
    .execute();
  const candidates: Array<{ period: string; doc: ScoreDocument }> = [
    ...live.map((r) => ({ period: r.period, doc: r.document as ScoreDocument })),
    ...published.flatMap((r) => [...(r.windows as ScoreDocument[]), ...(r.staff as ScoreDocument[])].map((doc) => ({ period: r.period, doc }))),
  ];
  for (const { period, doc } of candidates) {
    const item = doc.lineItems.find((li) => li.id === lineItemId);
    if (item) return { period, doc, item };
  }
  return undefined;
}

/**
 * The hall's appeal events, filed and decided, read from the store (index
 * events_hall_type_read): the state in memory holds only what the open months need
 * (decision 1411), and an appeal may name any month.
 */
export async function appealEvents(a: HallStates, hallId: string): Promise<EventOf<'AppealFiled' | 'AppealDecided'>[]> {
  const stored = await readEventsOfTypes(a.db, hallId, ['AppealFiled', 'AppealDecided']);
  return stored.map(toAssessmentEvent) as EventOf<'AppealFiled' | 'AppealDecided'>[];
}

async function appealsOf(a: HallStates, hallId: string) {
  const filed = new Map<string, { appealId: string; lineItemId: string; period: string; reason: string; filedBy: string; filedAt: string }>();
  const decided = new Map<string, { upheld: boolean; reason: string; decidedAt: string }>();
  for (const event of await appealEvents(a, hallId)) {
    if (event.type === 'AppealFiled') {
      filed.set(event.data.appealId, { ...event.data, filedBy: event.clientId, filedAt: event.occurredAt });
    } else if (event.type === 'AppealDecided') {
      decided.set(event.data.appealId, { upheld: event.data.upheld, reason: event.data.reason, decidedAt: event.occurredAt });
    }
  }
  return { filed, decided };
}

async function appealDocument(a: HallStates, hallId: string, appealId: string) {
  const { filed, decided } = await appealsOf(a, hallId);
  const appeal = filed.get(appealId);
  if (!appeal) throw new DomainError('NOT_FOUND', `Unknown appeal ${appealId}`);
  const decision = decided.get(appealId);
  return {
    appealId,
    lineItemId: appeal.lineItemId,
    period: appeal.period,
    reason: appeal.reason,
    filedAt: appeal.filedAt,
    status: decision ? (decision.upheld ? ('upheld' as const) : ('rejected' as const)) : ('pending' as const),
    decision: decision ?? null,
  };
}

/**
 * Files an appeal against a line item (docs/domain.md §9): window heads during the
 * objection window (the month's preliminary stage) and only for their window
 * and its staff; supervisors at any time.
 */
export async function fileAppeal(a: HallStates, hallId: string, appellant: Appellant, body: { lineItemId: string; reason: string }) {
  const state = await a.caughtUp(hallId);
  const found = await findLineItem(a, state, body.lineItemId);
  // A body naming something unknown is a 422 (docs/integration.md "Errors"); 404 is for unknown path resources.
  if (!found) throw new DomainError('UNKNOWN_REFERENCE', `Unknown line item ${body.lineItemId}`, [{ path: '/lineItemId', message: 'unknown line item' }]);
  if (appellant.role !== 'supervisor') {
    const own =
      (found.doc.subject.type === 'window' && found.doc.subject.id === appellant.windowId) ||
      (found.doc.subject.type === 'staff' && (found.doc.windowIds ?? []).includes(appellant.windowId ?? ''));
    if (!own) throw new DomainError('FORBIDDEN', 'A window head appeals line items of its own window and staff only');
    const stage = state.period(found.period).stage;
    if (stage !== 'preliminary') {
      throw new DomainError('OBJECTION_WINDOW_CLOSED', `${found.period} is ${stage}: appeals are filed during the objection window`);
    }
  }
  const appealId = randomUUID();
  // The pending-appeal rule is decided by the store, not by the check below
  // (decision 1121): the n-th filing for a line item has the event id
  // `appeal-filing:<lineItemId>:<n>`, so of concurrent filings that all saw
  // n earlier filings exactly one is stored. A loser catches up and answers
  // from the history as it now is: the winner's appeal is pending (409), or
  // (a state older than a decision) it files again as the next n.
  for (let attempt = 0; attempt < MAX_FILING_ATTEMPTS; attempt++) {
    const { filed, decided } = await appealsOf(a, hallId);
    const earlier = [...filed.values()].filter((appeal) => appeal.lineItemId === body.lineItemId);
    const pending = earlier.find((appeal) => !decided.has(appeal.appealId));
    if (pending) throw new DomainError('APPEAL_PENDING', `Line item ${body.lineItemId} already has a pending appeal ${pending.appealId}`);
    const outcome = await tryAppendServiceEvents(a, hallId, [
      {
        id: filingEventId(body.lineItemId, earlier.length),
        type: 'AppealFiled',
        occurredAt: a.clock().toISOString(),
        data: { appealId, lineItemId: body.lineItemId, period: found.period, reason: body.reason },
      },
    ]);
    await a.caughtUp(hallId);
    if (outcome.ok && !idsTaken(outcome)) {
      return { ...(await appealDocument(a, hallId, appealId)), subject: found.doc.subject, ruleCode: found.item.ruleCode, points: found.item.points };
    }
    if (!outcome.ok && !idsTaken(outcome)) {
      const failure = storeFailure(outcome.code, outcome.errors);
      throw new DomainError(failure.code, failure.message, failure.errors);
    }
  }
  throw new Error(`appeal filing for ${body.lineItemId} lost ${MAX_FILING_ATTEMPTS} races in a row`);
}

/** A filing that lost a race re-reads and tries again; more losses in a row than this means something is broken. */
const MAX_FILING_ATTEMPTS = 5;

/** The event id of the n-th filing (from 0) against a line item: one id per "pending appeal slot". */
function filingEventId(lineItemId: string, n: number): string {
  const id = `appeal-filing:${lineItemId}:${n}`;
  // Line item ids are 43 characters (`li-` + 40 hex), so this fits an event id's 64; a longer one is hashed.
  return id.length <= 64 ? id : `appeal-filing:${createHash('sha256').update(lineItemId).digest('hex').slice(0, 32)}:${n}`;
}

/** Upholds (voids the line item) or rejects an appeal, once. */
export async function decideAppeal(a: HallStates, hallId: string, appealId: string, body: { upheld: boolean; reason: string }) {
  await a.caughtUp(hallId);
  const current = await appealDocument(a, hallId, appealId);
  if (current.status !== 'pending') throw new DomainError('APPEAL_DECIDED', `Appeal ${appealId} was already ${current.status}`);
  // One decision per appeal: its event id is deterministic, so of concurrent
  // decisions exactly one is stored and the others (a reused id, or the same
  // content as a duplicate) are told it was already decided (decision 1121).
  const outcome = await tryAppendServiceEvents(a, hallId, [
    {
      id: `appeal:${appealId}:decided`,
      type: 'AppealDecided',
      occurredAt: a.clock().toISOString(),
      data: { appealId, lineItemId: current.lineItemId, period: current.period, upheld: body.upheld, reason: body.reason },
    },
  ]);
  await a.caughtUp(hallId);
  if (idsTaken(outcome)) {
    const decidedNow = await appealDocument(a, hallId, appealId);
    throw new DomainError('APPEAL_DECIDED', `Appeal ${appealId} was already ${decidedNow.status}`);
  }
  if (!outcome.ok) {
    const failure = storeFailure(outcome.code, outcome.errors);
    throw new DomainError(failure.code, failure.message, failure.errors);
  }
  return appealDocument(a, hallId, appealId);
}

/** An appeal from the store's appeal events (the state or stored facts name the hall; decision 1424). */
export async function getAppeal(a: HallStates, state: { hall: { hallId: string } }, appealId: string) {
  return appealDocument(a, state.hall.hallId, appealId);
}
