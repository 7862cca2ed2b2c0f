import { z } from 'zod';
import type { ClientEventType } from './events/index.ts';

export const role = z.enum(['supervisor', 'section', 'queue', 'kiosk', 'inspector', 'window_head', 'dashboard', 'auditor', 'staff']);
export type Role = z.infer<typeof role>;

/** Who may post which event type (docs/integration.md "Event types"). Kiosks are further bound to their own window. */
export const eventPosters: Record<ClientEventType, readonly Role[]> = {
  DepartmentRegistered: ['supervisor'],
  WindowOpened: ['supervisor'],
  WindowClosed: ['supervisor'],
  StaffRegistered: ['supervisor'],
  StaffAssigned: ['supervisor'],
  StaffUnassigned: ['supervisor'],
  ServiceItemRegistered: ['supervisor'],
  CalendarDaysSet: ['supervisor'],
  TicketIssued: ['queue'],
  TicketCalled: ['queue'],
  TicketNoShow: ['queue'],
  TicketTransferred: ['queue'],
  ServiceStarted: ['queue'],
  ServiceCompleted: ['queue'],
  CaseAccepted: ['queue'],
  CaseSupplementRequested: ['queue'],
  CaseReturned: ['queue'],
  CaseCompleted: ['queue'],
  CaseResultErrorFound: ['queue', 'section'],
  CaseMaterialsLost: ['queue', 'section'],
  RatingSubmitted: ['kiosk', 'queue'],
  // The bad-rating loop: the window's head and the sections handle a case; the citizen's 追评 comes in like a rating.
  BadRatingContactMade: ['window_head', 'section'],
  BadRatingRectificationPlanned: ['window_head', 'section'],
  BadRatingRectificationCompleted: ['window_head', 'section'],
  BadRatingFollowUpRated: ['kiosk', 'queue'],
  BadRatingCaseClosed: ['section'],
  InspectionRecorded: ['inspector', 'section'],
  ComplaintReceived: ['section', 'supervisor'],
  ComplaintVerified: ['section', 'supervisor'],
  ComplaintRectified: ['section', 'supervisor'],
  AttendanceMarked: ['section'],
  LeaveApproved: ['section', 'window_head'],
  LeaveRejected: ['section', 'window_head'],
  SubstituteAssigned: ['section', 'window_head'],
  PeerReviewSubmitted: ['section'],
  StaffPeerReviewScored: ['section'],
  CommendationRecorded: ['section', 'supervisor'],
  ScoreAdjusted: ['supervisor'],
  EventVoided: ['supervisor'],
};

/** Roles that read scores. */
export const readerRoles: readonly Role[] = ['supervisor', 'section', 'window_head', 'dashboard', 'auditor'];
