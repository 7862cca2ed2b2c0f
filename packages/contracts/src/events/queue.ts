import { z } from 'zod';
import { entityId } from '../primitives.ts';

export const TicketIssued = z.strictObject({ ticketId: entityId, number: z.string().min(1).max(64), serviceItemId: entityId });
/** A repeat call of the same ticket is a recall; the last call counts for the wait time. */
export const TicketCalled = z.strictObject({ ticketId: entityId, windowId: entityId, staffId: entityId });
export const TicketNoShow = z.strictObject({ ticketId: entityId });
export const TicketTransferred = z.strictObject({ ticketId: entityId, fromWindowId: entityId, toWindowId: entityId });
export const ServiceStarted = z.strictObject({ ticketId: entityId, windowId: entityId, staffId: entityId });
export const ServiceCompleted = z.strictObject({
  ticketId: entityId,
  windowId: entityId,
  staffId: entityId,
  outcome: z.enum(['completed', 'accepted', 'supplement_requested', 'returned']),
});

export const queueEvents = {
  TicketIssued,
  TicketCalled,
  TicketNoShow,
  TicketTransferred,
  ServiceStarted,
  ServiceCompleted,
} as const;
