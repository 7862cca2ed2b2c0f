import type { AssessmentEvent, EventData } from '@hall/contracts';
import { at, event, rating, ticket } from '../test-support/builders.ts';
import { badRatingCaseId } from './derived-ids.ts';

/** A ticket t-<id> completed at w1 by s1 on `date` at 09:06 local, and a rating of it at 10:00 (with contact when named). */
export function ratedTicket(ratingId: string, date: string, level: number, o: { named?: boolean; time?: string } = {}): AssessmentEvent[] {
  const r = rating(ratingId, at(date, o.time ?? '10:00:00'), { level, ticketId: `t-${ratingId}`, staffId: 's1', channel: 'qr' });
  return [...ticket(`t-${ratingId}`, at(date, '09:00:00')), o.named ? { ...r, data: { ...r.data, contact: '13800000000' } } : r];
}

export const caseOf = (ratingId: string) => badRatingCaseId(ratingId);

export function contactMade(ratingId: string, occurredAt: string, outcome: 'reached' | 'unreachable' = 'reached') {
  return event('BadRatingContactMade', occurredAt, { badRatingCaseId: caseOf(ratingId), outcome });
}

export function planned(ratingId: string, occurredAt: string) {
  return event('BadRatingRectificationPlanned', occurredAt, { badRatingCaseId: caseOf(ratingId), plan: 'Retrain the window on the queue rules' });
}

export function rectified(ratingId: string, occurredAt: string) {
  return event('BadRatingRectificationCompleted', occurredAt, {
    badRatingCaseId: caseOf(ratingId),
    measures: 'Retrained',
    feedback: 'Told the citizen by phone',
  });
}

export function followUp(ratingId: string, occurredAt: string, level: number) {
  return event('BadRatingFollowUpRated', occurredAt, { badRatingCaseId: caseOf(ratingId), windowId: 'w1', level, channel: 'sms' });
}

export function closed(ratingId: string, occurredAt: string, resolution: EventData<'BadRatingCaseClosed'>['resolution'] = 'rectified') {
  return event('BadRatingCaseClosed', occurredAt, { badRatingCaseId: caseOf(ratingId), resolution });
}
