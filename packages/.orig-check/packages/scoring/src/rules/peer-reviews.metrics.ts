import type { MonthContext } from '../score/month-context.ts';
import type { MetricsBook } from '../score/metrics-book.ts';
import type { Rec } from '../model/records.ts';
import { byTime } from '../model/records.ts';

/**
 * Peer reviews for this period (by their `period` field): one review per
 * reviewer and target window, the latest by occurredAt then id.
 */
export function measurePeerReviews(ctx: MonthContext, book: MetricsBook): void {
  const latestByPair = new Map<string, Rec<'PeerReviewSubmitted'>>();
  for (const rec of ctx.bucket.peerReviews) {
    const key = `${rec.e.data.reviewerWindowId}\u0000${rec.e.data.targetWindowId}`;
    const seen = latestByPair.get(key);
    if (!seen || byTime(rec, seen) > 0) latestByPair.set(key, rec);
  }
  for (const rec of latestByPair.values()) {
    const acc = book.window(rec.e.data.targetWindowId);
    acc.peerReviews++;
    if (rec.e.data.grade === 'good') acc.peerGood++;
    acc.peerIds.push(rec.id);
  }
}
