import { z } from 'zod';
import { entityId } from '../primitives.ts';

export const ComplaintReceived = z.strictObject({
  complaintId: entityId,
  channel: z.enum(['hall', 'hotline', 'web', 'media', 'letter']),
  windowId: entityId.optional(),
  staffId: entityId.optional(),
  summary: z.string().min(1).max(4000),
  contact: z.string().min(1).max(200).optional(),
}).meta({
  description: '投诉: a complaint arrives (hall, 12345 hotline, web, media, letter). `contact` is personal data.',
  examples: [{ complaintId: 'cp-0917-01', channel: 'hotline', windowId: 'w-01', staffId: 's-017', summary: '窗口人员态度生硬' }],
});
export const ComplaintVerified = z.strictObject({
  complaintId: entityId,
  valid: z.boolean(),
  windowId: entityId,
  staffId: entityId.optional(),
  mediaExposure: z.boolean(),
  note: z.string().max(2000).optional(),
}).meta({
  description: '有效投诉: the supervision section verifies a complaint; only a valid one costs points, with a veto (一票否决) when it caused media exposure.',
  examples: [{ complaintId: 'cp-0917-01', valid: true, windowId: 'w-01', staffId: 's-017', mediaExposure: false }],
});
export const ComplaintRectified = z.strictObject({ complaintId: entityId, note: z.string().max(2000).optional() }).meta({
  description: '整改: the complaint was rectified.',
  examples: [{ complaintId: 'cp-0917-01', note: '已约谈并整改' }],
});

export const complaintEvents = { ComplaintReceived, ComplaintVerified, ComplaintRectified } as const;
