import type { CompletionRec, RatingRec, Rec } from './records.ts';

/** Everything one month needs from its own month, keyed by month index. */
export interface MonthBucket {
  /** First and last hall-local epoch day of the month. */
  readonly first: number;
  readonly last: number;
  readonly completions: CompletionRec[];
  readonly caseAccepted: Rec<'CaseAccepted'>[];
  readonly caseCompleted: Rec<'CaseCompleted'>[];
  readonly caseSupplements: Rec<'CaseSupplementRequested'>[];
  readonly caseReturns: Rec<'CaseReturned'>[];
  readonly caseErrors: Rec<'CaseResultErrorFound'>[];
  readonly caseLost: Rec<'CaseMaterialsLost'>[];
  readonly ratings: RatingRec[];
  readonly inspections: Rec<'InspectionRecorded'>[];
  readonly attendance: Rec<'AttendanceMarked'>[];
  readonly complaints: Rec<'ComplaintVerified'>[];
  readonly commendations: Rec<'CommendationRecorded'>[];
  /** By the review's `period` field. */
  readonly peerReviews: Rec<'PeerReviewSubmitted'>[];
  /** By the adjustment's `period` field. */
  readonly adjustments: Rec<'ScoreAdjusted'>[];
  /** Every approval whose date range touches the month. */
  readonly leaves: Rec<'LeaveApproved'>[];
  /** Overdue marks of bad-rating cases, by their occurredAt (the deadline passed). */
  readonly badRatingOverdue: Rec<'BadRatingCaseOverdue'>[];
}

/** An empty bucket for the hall-local days `first`…`last` of a month. */
export function newMonthBucket(first: number, last: number): MonthBucket {
  return {
    first,
    last,
    completions: [],
    caseAccepted: [],
    caseCompleted: [],
    caseSupplements: [],
    caseReturns: [],
    caseErrors: [],
    caseLost: [],
    ratings: [],
    inspections: [],
    attendance: [],
    complaints: [],
    commendations: [],
    peerReviews: [],
    adjustments: [],
    leaves: [],
    badRatingOverdue: [],
  };
}
