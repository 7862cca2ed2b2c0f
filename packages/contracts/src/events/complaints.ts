import { z } from 'zod';
import { entityId } from '../primitives.ts';

export const ComplaintReceived = z.strictObject({
  complaintId: entityId,
  channel: z.enum(['hall', 'hotline', 'web', 'media', 'letter']),
  windowId: entityId.optional(),
  staffId: entityId.optional(),
  summary: z.string().min(1).max(4000),
  contact: z.string().min(1).max(200).optional(),
});
export const ComplaintVerified = z.strictObject({
  complaintId: entityId,
  valid: z.boolean(),
  windowId: entityId,
  staffId: entityId.optional(),
  mediaExposure: z.boolean(),
  note: z.string().max(2000).optional(),
});
export const ComplaintRectified = z.strictObject({ complaintId: entityId, note: z.string().max(2000).optional() });

export const complaintEvents = { ComplaintReceived, ComplaintVerified, ComplaintRectified } as const;
