import { z } from 'zod';
import { entityId, monthPeriod, quarterPeriod } from '../primitives.ts';

export const PeerReviewSubmitted = z.strictObject({
  reviewerWindowId: entityId,
  targetWindowId: entityId,
  period: monthPeriod,
  grade: z.enum(['good', 'medium', 'poor']),
});
export const StaffPeerReviewScored = z.strictObject({
  staffId: entityId,
  quarter: quarterPeriod,
  score: z.number().min(0).max(100),
});

export const peerReviewEvents = { PeerReviewSubmitted, StaffPeerReviewScored } as const;
