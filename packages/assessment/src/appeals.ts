import { randomUUID } from 'node:crypto';
import { DomainError, type LineItem, type ScoreDocument } from '@hall/contracts';
import type { HallStates } from './hall-states.ts';
import { appendServiceEvents } from './append-service-events.ts';
import type { HallState } from './hall-state.ts';
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

function appealsOf(state: HallState) {
  const filed = new Map<string, { appealId: string; lineItemId: string; period: string; reason: string; filedBy: string; filedAt: string }>();
  const decided = new Map<string, { upheld: boolean; reason: string; decidedAt: string }>();
  for (const event of state.events) {
    if (event.type === 'AppealFiled') {
      filed.set(event.data.appealId, { ...event.data, filedBy: event.clientId, filedAt: event.occurredAt });
    } else if (event.type === 'AppealDecided') {
      decided.set(event.data.appealId, { upheld: event.data.upheld, reason: event.data.reason, decidedAt: event.occurredAt });
    }
  }
  return { filed, decided };
}

function appealDocument(state: HallState, appealId: string) {
  const { filed, decided } = appealsOf(state);
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
  const { filed, decided } = appealsOf(state);
  for (const appeal of filed.values()) {
    if (appeal.lineItemId === body.lineItemId && !decided.has(appeal.appealId)) {
      throw new DomainError('APPEAL_PENDING', `Line item ${body.lineItemId} already has a pending appeal ${appeal.appealId}`);
    }
  }
  const appealId = randomUUID();
  await appendServiceEvents(a, hallId, [
    {
      id: `appeal:${appealId}:filed`,
      type: 'AppealFiled',
      occurredAt: a.clock().toISOString(),
      data: { appealId, lineItemId: body.lineItemId, period: found.period, reason: body.reason },
    },
  ]);
  const after = await a.caughtUp(hallId);
  return { ...appealDocument(after, appealId), subject: found.doc.subject, ruleCode: found.item.ruleCode, points: found.item.points };
}

/** Upholds (voids the line item) or rejects an appeal, once. */
export async function decideAppeal(a: HallStates, hallId: string, appealId: string, body: { upheld: boolean; reason: string }) {
  const state = await a.caughtUp(hallId);
  const current = appealDocument(state, appealId);
  if (current.status !== 'pending') throw new DomainError('APPEAL_DECIDED', `Appeal ${appealId} was already ${current.status}`);
  await appendServiceEvents(a, hallId, [
    {
      id: `appeal:${appealId}:decided`,
      type: 'AppealDecided',
      occurredAt: a.clock().toISOString(),
      data: { appealId, lineItemId: current.lineItemId, period: current.period, upheld: body.upheld, reason: body.reason },
    },
  ]);
  const after = await a.caughtUp(hallId);
  return appealDocument(after, appealId);
}

export function getAppeal(state: HallState, appealId: string) {
  return appealDocument(state, appealId);
}
