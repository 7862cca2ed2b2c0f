import { z } from 'zod';
import { entityId, timestamp } from '../primitives.ts';
import { ratingReasonCode } from '../rule-catalogue.ts';

/**
 * `contact` is personal data (docs/domain.md §10): the store keeps it apart from the hashed
 * history, and the history holds only a salted hash of it (a rating with one is 实名).
 * `reasons` are codes of the reason list of the catalogue version in force; whether
 * a 差评 (level 1–2) must give them is that version's `badRatingReasonsRequired`.
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
  reasons: z
    .array(ratingReasonCode)
    .min(1)
    .max(20)
    .refine((codes) => new Set(codes).size === codes.length, 'each reason at most once')
    .optional(),
}).meta({
  description: '好差评: a citizen rates a window 1–5 (非常不满意 1 … 非常满意 5; 1–2 are bad ratings 差评). `contact` is personal data, stored apart from the history.',
  examples: [{ ratingId: 'r-0917-0042', level: 5, channel: 'kiosk', windowId: 'w-01', staffId: 's-017', ticketId: 't-0917-017', comment: '办事效率高' }],
});

/**
 * Appended by the service when a completed ticket got no rating within the
 * catalogue's `defaultRatingAfterDays` (默认评价). Its id derives from the ticket
 * (`ratingDefaultedEventId` in @hall/scoring), so a second run is a no-op. Never
 * a rating a citizen gave: it counts for satisfaction only where the version in
 * force says `defaultRatingsCount`.
 */
export const RatingDefaulted = z.strictObject({
  ticketId: entityId,
  windowId: entityId,
  staffId: entityId.optional(),
  level: z.number().int().min(1).max(5),
  /** The `ServiceCompleted` the days were counted from. */
  completionEventId: z.string().min(1).max(64),
  completedAt: timestamp,
});

export const ratingEvents = { RatingSubmitted } as const;
/** Events about ratings only the service appends. */
export const ratingServiceEvents = { RatingDefaulted } as const;
