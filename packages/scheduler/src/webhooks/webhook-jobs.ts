import {
  claimDelivery,
  dispatchHall,
  dueDeliveries,
  hallsWithWebhooks,
  pendingDeliveries,
  recordAttempt,
  markFailed,
  type DeliveryRef,
  type HallStates,
  type RetryPolicy,
} from '@hall/assessment';
import type { SendDelivery } from './http-sender.ts';

/** What one attempt came to: sent, given up, to be retried, nothing to do, or held by another sender. */
export type AttemptOutcome = 'delivered' | 'failed' | 'retry' | 'done' | 'busy';

/** The webhook schedule's work, as use cases of packages/assessment plus the HTTP sender. */
export interface WebhookJobs {
  readonly policy: RetryPolicy;
  halls(): Promise<string[]>;
  /** Turns the hall's new history into delivery rows (the outbox step); returns the ids inserted. */
  dispatch(hallId: string): Promise<string[]>;
  pending(hallId: string): Promise<DeliveryRef[]>;
  due(now: Date): Promise<DeliveryRef[]>;
  /** One attempt of one delivery, under its lease. */
  attempt(ref: DeliveryRef, clock: () => Date): Promise<AttemptOutcome>;
  giveUp(ref: DeliveryRef, error: string): Promise<void>;
}

/** Longer than any attempt (the sender's timeout), so a lease only runs out when its holder died. */
const LEASE_MS = 60_000;

export function webhookJobs(halls: HallStates, send: SendDelivery, policy: RetryPolicy): WebhookJobs {
  const db = halls.db;
  return {
    policy,
    halls: () => hallsWithWebhooks(halls),
    dispatch: async (hallId) => (await dispatchHall(halls, hallId)).inserted,
    pending: (hallId) => pendingDeliveries(db, hallId),
    due: (now) => dueDeliveries(db, now),
    attempt: async (ref, clock) => {
      const claim = await claimDelivery(db, ref, clock(), LEASE_MS);
      if (claim.state !== 'claimed') return claim.state;
      const result = await send({ url: claim.url, secret: claim.secret, payload: claim.payload, deliveryId: ref.deliveryId, kind: kindOf(claim.payload) }, clock());
      const status = await recordAttempt(db, ref, result, clock(), policy);
      if (status === 'gone') return 'done';
      return status === 'pending' ? 'retry' : status;
    },
    giveUp: (ref, error) => markFailed(db, ref, error),
  };
}

function kindOf(payload: string): string {
  return (JSON.parse(payload) as { type: string }).type;
}
