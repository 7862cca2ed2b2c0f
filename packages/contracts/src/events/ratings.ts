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
}).meta({
  description: '好差评: a citizen rates a window 1–5 (非常不满意 1 … 非常满意 5; 1–2 are bad ratings 差评). `contact` is personal data, stored apart from the history.',
  examples: [{ ratingId: 'r-0917-0042', level: 5, channel: 'kiosk', windowId: 'w-01', staffId: 's-017', ticketId: 't-0917-017', comment: '办事效率高' }],
});

export const ratingEvents = { RatingSubmitted } as const;
