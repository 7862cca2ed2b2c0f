import { describe, expect, it } from 'vitest';
import { clientEventSchemas, eventSchemas } from './index.ts';
import { eventPosters } from '../roles.ts';

const rating = { ratingId: 'r1', level: 1, channel: 'kiosk', windowId: 'w1' } as const;

describe('the bad-rating loop on the wire', () => {
  it('still takes a 差评 without reasons, as clients post it today', () => {
    expect(eventSchemas.RatingSubmitted.safeParse(rating).success).toBe(true);
  });

  it('takes reason codes, each once', () => {
    expect(eventSchemas.RatingSubmitted.safeParse({ ...rating, reasons: ['service_attitude'] }).success).toBe(true);
    expect(eventSchemas.RatingSubmitted.safeParse({ ...rating, reasons: ['service_attitude', 'service_attitude'] }).success).toBe(false);
    expect(eventSchemas.RatingSubmitted.safeParse({ ...rating, reasons: ['Not A Code'] }).success).toBe(false);
  });

  it('lets clients post the case events, and only the service append marks and default ratings', () => {
    for (const type of ['BadRatingContactMade', 'BadRatingRectificationPlanned', 'BadRatingRectificationCompleted', 'BadRatingFollowUpRated', 'BadRatingCaseClosed']) {
      expect(type in clientEventSchemas).toBe(true);
      expect(eventPosters[type as keyof typeof eventPosters].length).toBeGreaterThan(0);
    }
    for (const type of ['BadRatingCaseWarned', 'BadRatingCaseOverdue', 'RatingDefaulted']) {
      expect(type in clientEventSchemas).toBe(false);
      expect(type in eventSchemas).toBe(true);
    }
  });

  it('takes a 追评 of level 1–5 naming its window', () => {
    const followUp = { badRatingCaseId: 'brc-1', windowId: 'w1', level: 4, channel: 'sms' };
    expect(eventSchemas.BadRatingFollowUpRated.safeParse(followUp).success).toBe(true);
    expect(eventSchemas.BadRatingFollowUpRated.safeParse({ ...followUp, level: 6 }).success).toBe(false);
  });
});
