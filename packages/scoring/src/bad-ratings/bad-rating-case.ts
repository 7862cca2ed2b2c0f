import type { BadRatingCaseStep } from '@hall/contracts';
import type { BadRatingCaseEventType } from '../model/hall-model.ts';
import type { RatingVoid } from './rating-voids.ts';

/** One step of a case with a deadline: the call-back (回访) or the rectification. Instants as epoch ms and ISO text. */
export interface CaseStepState {
  readonly step: BadRatingCaseStep;
  readonly dueT: number;
  readonly dueAt: string;
  /** When the catalogue's warning share of the step's working time has passed. */
  readonly warnT: number;
  readonly warnAt: string;
  /** The event that did the step (a `reached` contact, a completed rectification), or null. */
  readonly done: { readonly eventId: string; readonly t: number; readonly at: string } | null;
  /** Ids of the marks already in the history for this deadline. */
  readonly warningEventId: string | null;
  readonly overdueEventId: string | null;
}

export interface CaseTimelineEntry {
  readonly eventId: string;
  readonly type: 'RatingSubmitted' | BadRatingCaseEventType | 'EventVoided' | 'AppealDecided';
  readonly at: string;
  /** Kept but without effect: a second 追评, one before the rectification was completed, a second closing. */
  readonly ignored?: true;
}

export type BadRatingCaseStatus = 'open' | 'due_soon' | 'overdue' | 'closed' | 'void';

/** A 差评's rectification case (差评整改), folded from its rating and the case's events. */
export interface BadRatingCase {
  readonly caseId: string;
  readonly ratingEventId: string;
  readonly ratingId: string;
  readonly windowId: string;
  readonly staffId: string | null;
  readonly level: number;
  readonly reasons: readonly string[];
  /** 实名: the citizen left contact data, so a call-back is due. */
  readonly named: boolean;
  /** The month of the rating (hall time): the month its rates count in. */
  readonly period: string;
  readonly openedT: number;
  readonly openedAt: string;
  /** The catalogue version in force on the rating's day: its deadlines. */
  readonly catalogueVersion: number;
  /** Null when the rating is anonymous: there is no one to call back. */
  readonly contact: CaseStepState | null;
  readonly rectification: CaseStepState;
  readonly planned: { readonly eventId: string; readonly at: string } | null;
  readonly followUp: { readonly eventId: string; readonly level: number; readonly at: string } | null;
  readonly closed: { readonly eventId: string; readonly t: number; readonly at: string; readonly resolution: 'rectified' | 'not_required' } | null;
  readonly voided: RatingVoid | null;
  readonly timeline: readonly CaseTimelineEntry[];
}

/**
 * A case's status at `nowT`: `void` once its rating is voided, `closed` once
 * closed; else `overdue` when a step is undone past its deadline, `due_soon`
 * past its warning, `open` otherwise.
 */
export function caseStatus(c: Pick<BadRatingCase, 'voided' | 'closed' | 'contact' | 'rectification'>, nowT: number): BadRatingCaseStatus {
  if (c.voided) return 'void';
  if (c.closed) return 'closed';
  let status: BadRatingCaseStatus = 'open';
  for (const step of [c.contact, c.rectification]) {
    if (!step || step.done) continue;
    if (nowT >= step.dueT) return 'overdue';
    if (nowT >= step.warnT) status = 'due_soon';
  }
  return status;
}
