import { z } from 'zod';
import { entityId, monthPeriod, quarterPeriod } from '../primitives.ts';

export const PeerReviewSubmitted = z.strictObject({
  reviewerWindowId: entityId,
  targetWindowId: entityId,
  period: monthPeriod,
  grade: z.enum(['good', 'medium', 'poor']),
}).meta({
  description: '民主评议 / 窗口互评: one window grades another good, medium or poor (好 / 中 / 差) for a month.',
  examples: [{ reviewerWindowId: 'w-02', targetWindowId: 'w-01', period: '2026-09', grade: 'good' }],
});
export const StaffPeerReviewScored = z.strictObject({
  staffId: entityId,
  quarter: quarterPeriod,
  score: z.number().min(0).max(100),
}).meta({
  description: '民主测评: a staff member\'s democratic evaluation score (0–100) for a quarter.',
  examples: [{ staffId: 's-017', quarter: '2026-Q3', score: 92.5 }],
});

export const peerReviewEvents = { PeerReviewSubmitted, StaffPeerReviewScored } as const;
