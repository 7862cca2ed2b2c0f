import type { BadRatingCase } from '@hall/scoring';
import type { WebhookKind } from './webhook-tables.ts';

/** The JSON body of a delivery (docs/integration.md "Webhooks"): the same text on every attempt. */
export interface WebhookPayload {
  deliveryId: string;
  type: WebhookKind;
  hallId: string;
  /** The history event that caused it: the 差评's RatingSubmitted, or the case's Warned / Overdue mark. */
  eventId: string;
  occurredAt: string;
  case: {
    caseId: string;
    ratingId: string;
    ratingEventId: string;
    windowId: string;
    staffId: string | null;
    level: number;
    reasons: readonly string[];
    named: boolean;
    openedAt: string;
    contactDueAt: string | null;
    rectificationDueAt: string;
  };
  /** Due soon / overdue only: the step and the deadline the mark is about. */
  step?: 'contact' | 'rectification';
  dueAt?: string;
}

export function casePayload(c: BadRatingCase): WebhookPayload['case'] {
  return {
    caseId: c.caseId,
    ratingId: c.ratingId,
    ratingEventId: c.ratingEventId,
    windowId: c.windowId,
    staffId: c.staffId,
    level: c.level,
    reasons: c.reasons,
    named: c.named,
    openedAt: c.openedAt,
    contactDueAt: c.contact?.dueAt ?? null,
    rectificationDueAt: c.rectification.dueAt,
  };
}
