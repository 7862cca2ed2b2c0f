import type { Kysely } from 'kysely';
import type { Database } from '@hall/event-store';
import { fail, succeed, type Outcome } from '../outcome.ts';
import { webhookDb, type DeliveryStatus, type WebhookKind } from './webhook-tables.ts';

export interface DeliveryDocument {
  deliveryId: string;
  webhookId: string;
  eventId: string;
  type: WebhookKind;
  status: DeliveryStatus;
  /** Every attempt so far, over all rounds. */
  attempts: number;
  lastError: string | null;
  responseCode: number | null;
  createdAt: string;
  /** Pending only: not before this instant (the backoff). */
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

/** How many times and how far apart a delivery is tried (docs/integration.md "Webhooks"). */
export interface RetryPolicy {
  maxAttempts: number;
  /** The first retry waits this long; each next one twice as long as the one before. */
  backoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 10, backoffMs: 30_000 };

/** The wait after the `failedSoFar`th failed attempt of a round (1-based). */
export function backoffAfter(policy: RetryPolicy, failedSoFar: number): number {
  return policy.backoffMs * 2 ** (failedSoFar - 1);
}

const COLUMNS = ['delivery_id', 'webhook_id', 'event_id', 'kind', 'status', 'attempts', 'last_error', 'response_code', 'created_at', 'next_attempt_at', 'delivered_at'] as const;

/** A webhook's delivery log, newest event first. */
export async function listDeliveries(
  db: Kysely<Database>,
  hallId: string,
  webhookId: string,
  opts: { status?: DeliveryStatus; limit: number },
): Promise<Outcome<DeliveryDocument[]>> {
  const w = webhookDb(db);
  const hook = await w.selectFrom('webhooks').select('webhook_id').where('hall_id', '=', hallId).where('webhook_id', '=', webhookId).executeTakeFirst();
  if (!hook) return fail('NOT_FOUND', `Unknown webhook ${webhookId}`);
  let query = w.selectFrom('webhook_deliveries').select(COLUMNS).where('hall_id', '=', hallId).where('webhook_id', '=', webhookId);
  if (opts.status) query = query.where('status', '=', opts.status);
  const rows = await query.orderBy('position', 'desc').orderBy('delivery_id').limit(opts.limit).execute();
  return succeed(rows.map(documentOf));
}

/**
 * Sends a delivery again: a failed (or delivered) one starts a new round with
 * a fresh attempt budget, due now; a pending one is left as it is.
 */
export async function retryDelivery(db: Kysely<Database>, hallId: string, webhookId: string, deliveryId: string, now: Date): Promise<Outcome<DeliveryDocument>> {
  const w = webhookDb(db);
  const row = await w
    .updateTable('webhook_deliveries')
    .set((eb) => ({ status: 'pending', round: eb('round', '+', 1), round_attempts: 0, next_attempt_at: now, lease_until: null }))
    .where('hall_id', '=', hallId)
    .where('webhook_id', '=', webhookId)
    .where('delivery_id', '=', deliveryId)
    .where('status', '!=', 'pending')
    .returning(COLUMNS)
    .executeTakeFirst();
  if (row) return succeed(documentOf(row));
  const current = await w
    .selectFrom('webhook_deliveries')
    .select(COLUMNS)
    .where('hall_id', '=', hallId)
    .where('webhook_id', '=', webhookId)
    .where('delivery_id', '=', deliveryId)
    .executeTakeFirst();
  return current ? succeed(documentOf(current)) : fail('NOT_FOUND', `Unknown delivery ${deliveryId}`);
}

export interface DeliveryRef {
  hallId: string;
  deliveryId: string;
  /** The round the job is for: job ids differ per round, so a re-send is a new job. */
  round: number;
}

/** Pending deliveries of a hall, oldest event first: what the BullMQ door enqueues (job ids dedupe). */
export async function pendingDeliveries(db: Kysely<Database>, hallId: string, limit = 1000): Promise<DeliveryRef[]> {
  const rows = await webhookDb(db)
    .selectFrom('webhook_deliveries')
    .select(['delivery_id', 'round'])
    .where('hall_id', '=', hallId)
    .where('status', '=', 'pending')
    .orderBy('position')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ hallId, deliveryId: r.delivery_id, round: r.round }));
}

/** Pending deliveries of every hall whose backoff has run out and that nobody holds: the in-process sender's work. */
export async function dueDeliveries(db: Kysely<Database>, now: Date, limit = 100): Promise<DeliveryRef[]> {
  const rows = await webhookDb(db)
    .selectFrom('webhook_deliveries')
    .select(['hall_id', 'delivery_id', 'round'])
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ hallId: r.hall_id, deliveryId: r.delivery_id, round: r.round }));
}

export type Claim =
  | { state: 'claimed'; url: string; secret: string; payload: string; round: number; attempt: number }
  /** Delivered, failed, re-sent in a newer round, or its webhook deleted: nothing to send. */
  | { state: 'done' }
  /** Another sender holds it right now. */
  | { state: 'busy' };

/**
 * Takes a pending delivery for one attempt: a lease on the row, so that two
 * senders (two BullMQ workers after a stall, two in-process schedulers on one
 * database) never send the same attempt twice.
 */
export async function claimDelivery(db: Kysely<Database>, ref: DeliveryRef, now: Date, leaseMs: number): Promise<Claim> {
  const w = webhookDb(db);
  const claimed = await w
    .updateTable('webhook_deliveries')
    .set({ lease_until: new Date(now.getTime() + leaseMs) })
    .where('hall_id', '=', ref.hallId)
    .where('delivery_id', '=', ref.deliveryId)
    .where('status', '=', 'pending')
    .where('round', '=', ref.round)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .returning(['webhook_id', 'payload', 'round', 'round_attempts'])
    .executeTakeFirst();
  if (!claimed) {
    const row = await w
      .selectFrom('webhook_deliveries')
      .select(['status', 'round'])
      .where('hall_id', '=', ref.hallId)
      .where('delivery_id', '=', ref.deliveryId)
      .executeTakeFirst();
    return row && row.status === 'pending' && row.round === ref.round ? { state: 'busy' } : { state: 'done' };
  }
  const hook = await w.selectFrom('webhooks').select(['url', 'secret']).where('hall_id', '=', ref.hallId).where('webhook_id', '=', claimed.webhook_id).executeTakeFirst();
  if (!hook) return { state: 'done' };
  return { state: 'claimed', url: hook.url, secret: hook.secret, payload: claimed.payload, round: claimed.round, attempt: claimed.round_attempts + 1 };
}

export interface AttemptResult {
  ok: boolean;
  responseCode: number | null;
  error: string | null;
}

/**
 * Records one attempt of a claimed delivery and releases it: `delivered` on
 * success; on failure `pending` with the next backoff, or `failed` once the
 * round's attempts are used up (kept in the log, re-sendable).
 */
export async function recordAttempt(db: Kysely<Database>, ref: DeliveryRef, result: AttemptResult, now: Date, policy: RetryPolicy): Promise<DeliveryStatus | 'gone'> {
  const w = webhookDb(db);
  const row = await w
    .selectFrom('webhook_deliveries')
    .select(['round_attempts'])
    .where('hall_id', '=', ref.hallId)
    .where('delivery_id', '=', ref.deliveryId)
    .where('round', '=', ref.round)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (!row) return 'gone';
  const failedSoFar = row.round_attempts + 1;
  const status: DeliveryStatus = result.ok ? 'delivered' : failedSoFar >= policy.maxAttempts ? 'failed' : 'pending';
  const updated = await w
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      status,
      attempts: eb('attempts', '+', 1),
      round_attempts: failedSoFar,
      last_error: result.error === null ? null : result.error.slice(0, 500),
      response_code: result.responseCode,
      next_attempt_at: status === 'pending' ? new Date(now.getTime() + backoffAfter(policy, failedSoFar)) : now,
      lease_until: null,
      ...(result.ok ? { delivered_at: now } : {}),
    }))
    .where('hall_id', '=', ref.hallId)
    .where('delivery_id', '=', ref.deliveryId)
    .where('round', '=', ref.round)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n ? status : 'gone';
}

/** When the queue gave up on a job before the round's budget ran out (e.g. it stalled): the delivery is failed, not lost. */
export async function markFailed(db: Kysely<Database>, ref: DeliveryRef, error: string): Promise<void> {
  await webhookDb(db)
    .updateTable('webhook_deliveries')
    .set({ status: 'failed', last_error: error.slice(0, 500), lease_until: null })
    .where('hall_id', '=', ref.hallId)
    .where('delivery_id', '=', ref.deliveryId)
    .where('round', '=', ref.round)
    .where('status', '=', 'pending')
    .execute();
}

function documentOf(row: {
  delivery_id: string;
  webhook_id: string;
  event_id: string;
  kind: WebhookKind;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  response_code: number | null;
  created_at: Date;
  next_attempt_at: Date;
  delivered_at: Date | null;
}): DeliveryDocument {
  return {
    deliveryId: row.delivery_id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    type: row.kind,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    responseCode: row.response_code,
    createdAt: row.created_at.toISOString(),
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
    deliveredAt: row.delivered_at ? row.delivered_at.toISOString() : null,
  };
}
