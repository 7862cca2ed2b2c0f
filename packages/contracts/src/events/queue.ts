import { z } from 'zod';
import { entityId } from '../primitives.ts';

export const TicketIssued = z.strictObject({ ticketId: entityId, number: z.string().min(1).max(64), serviceItemId: entityId }).meta({
  description: '出票 (排队叫号): the queue-number system issued a ticket for a service item.',
  examples: [{ ticketId: 't-0917-017', number: 'A017', serviceItemId: 'si-hukou-move' }],
});
/** A repeat call of the same ticket is a recall; the last call counts for the wait time. */
export const TicketCalled = z.strictObject({ ticketId: entityId, windowId: entityId, staffId: entityId }).meta({
  description: '叫号: a ticket is called to a window; a repeat is a recall and the last call counts.',
  examples: [{ ticketId: 't-0917-017', windowId: 'w-01', staffId: 's-017' }],
});
export const TicketNoShow = z.strictObject({ ticketId: entityId }).meta({
  description: '过号: the citizen did not come when called.',
  examples: [{ ticketId: 't-0917-017' }],
});
export const TicketTransferred = z.strictObject({ ticketId: entityId, fromWindowId: entityId, toWindowId: entityId }).meta({
  description: '转窗口: a ticket moves to another window.',
  examples: [{ ticketId: 't-0917-017', fromWindowId: 'w-01', toWindowId: 'w-02' }],
});
export const ServiceStarted = z.strictObject({ ticketId: entityId, windowId: entityId, staffId: entityId }).meta({
  description: '开始办理: service of a ticket starts at a window.',
  examples: [{ ticketId: 't-0917-017', windowId: 'w-01', staffId: 's-017' }],
});
export const ServiceCompleted = z.strictObject({
  ticketId: entityId,
  windowId: entityId,
  staffId: entityId,
  outcome: z.enum(['completed', 'accepted', 'supplement_requested', 'returned']),
}).meta({
  description: '办理结束: service of a ticket ends: completed, accepted for processing (收件), supplement requested (补件) or returned (退件).',
  examples: [{ ticketId: 't-0917-017', windowId: 'w-01', staffId: 's-017', outcome: 'completed' }],
});

export const queueEvents = {
  TicketIssued,
  TicketCalled,
  TicketNoShow,
  TicketTransferred,
  ServiceStarted,
  ServiceCompleted,
} as const;
