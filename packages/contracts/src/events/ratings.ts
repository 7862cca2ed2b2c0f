import { z } from 'zod';
import { entityId } from '../primitives.ts';

/**
 * `contact` is personal data (docs/domain.md §10): the store keeps it apart from the hashed
 * history, and the history holds only a salted hash of it.
 */
export const RatingSubmitted = z.strictObject({
  ratingId: entityId,
  level: z.number().int().min(1).max(5),
  channel: z.enum(['kiosk', 'qr', 'web', 'hotline', 'sms']),
  windowId: entityId,
  staffId: entityId.optional(),
  ticketId: entityId.optional(),
  caseId: entityId.optional(),
  comment: z.string().max(2000).optional(),
  contact: z.string().min(1).max(200).optional(),
});

export const ratingEvents = { RatingSubmitted } as const;
