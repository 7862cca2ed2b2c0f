import type { BadRatingCaseStep } from '@hall/contracts';
import { sha256Hex } from '../score/line-item.ts';

/*
 * Ids the service derives, so that whoever computes them again — a second
 * scheduler run, a catch-up after downtime, a client naming a case — gets the
 * same one. Hashed: entity ids may hold any character, event ids may not.
 */

/** The id of the bad-rating case a 差评 opens: one per rating id. */
export function badRatingCaseId(ratingId: string): string {
  return `brc-${sha256Hex(`bad-rating-case\u0000${ratingId}`).slice(0, 40)}`;
}

/** The event id of a ticket's `RatingDefaulted`: one per ticket. */
export function ratingDefaultedEventId(ticketId: string): string {
  return `rating-default-${sha256Hex(`rating-default\u0000${ticketId}`).slice(0, 40)}`;
}

/** The event id of a case's warning or overdue mark for one step and deadline. */
export function caseMarkEventId(caseId: string, kind: 'warning' | 'overdue', step: BadRatingCaseStep, dueAt: string): string {
  return `brc-${kind}-${sha256Hex(`${caseId}\u0000${kind}\u0000${step}\u0000${dueAt}`).slice(0, 40)}`;
}
