import type { z } from 'zod';
import { organisationEvents } from './organisation.ts';
import { queueEvents } from './queue.ts';
import { caseEvents } from './cases.ts';
import { ratingEvents, ratingServiceEvents } from './ratings.ts';
import { badRatingCaseClientEvents, badRatingCaseServiceEvents } from './bad-rating-cases.ts';
import { inspectionEvents } from './inspections.ts';
import { complaintEvents } from './complaints.ts';
import { attendanceEvents } from './attendance.ts';
import { peerReviewEvents } from './peer-review.ts';
import { commendationEvents } from './commendations.ts';
import { administrationClientEvents, serviceEvents } from './administration.ts';

export * from './organisation.ts';
export * from './queue.ts';
export * from './cases.ts';
export * from './ratings.ts';
export * from './bad-rating-cases.ts';
export * from './inspections.ts';
export * from './complaints.ts';
export * from './attendance.ts';
export * from './peer-review.ts';
export * from './commendations.ts';
export * from './administration.ts';

/** Every event type a client may post, type → data schema. */
export const clientEventSchemas = {
  ...organisationEvents,
  ...queueEvents,
  ...caseEvents,
  ...ratingEvents,
  ...badRatingCaseClientEvents,
  ...inspectionEvents,
  ...complaintEvents,
  ...attendanceEvents,
  ...peerReviewEvents,
  ...commendationEvents,
  ...administrationClientEvents,
} as const;

/** Every event type in a hall's history, type → data schema. */
export const eventSchemas = {
  ...clientEventSchemas,
  ...serviceEvents,
  ...ratingServiceEvents,
  ...badRatingCaseServiceEvents,
} as const;

export type ClientEventType = keyof typeof clientEventSchemas;
export type EventType = keyof typeof eventSchemas;
export type EventData<T extends EventType> = z.infer<(typeof eventSchemas)[T]>;

/** Schema version of each event type's data; bump when a type's data changes shape (upcasters then live in the store). */
export const schemaVersions: Record<EventType, number> = Object.fromEntries(
  Object.keys(eventSchemas).map((type) => [type, 1]),
) as Record<EventType, number>;

export const clientEventTypes = Object.keys(clientEventSchemas) as ClientEventType[];
export const eventTypes = Object.keys(eventSchemas) as EventType[];

/** A stored event, as the scorer and projections see it: a discriminated union on `type`. */
export type AssessmentEvent = {
  [T in EventType]: {
    id: string;
    type: T;
    occurredAt: string;
    recordedAt: string;
    position: number;
    clientId: string;
    data: EventData<T>;
  };
}[EventType];

export type EventOf<T extends EventType> = Extract<AssessmentEvent, { type: T }>;
