import type { AssessmentEvent, EventData, EventOf, EventType } from '@hall/contracts';

let counter = 0;

/** Any event; the id defaults to a counter so tests read as facts, not ids. */
export function event<T extends EventType>(type: T, occurredAt: string, data: EventData<T>, id?: string): EventOf<T> {
  counter++;
  return {
    id: id ?? `e-${type}-${counter}`,
    type,
    occurredAt,
    recordedAt: occurredAt,
    position: counter,
    clientId: 'test',
    data,
  } as EventOf<T>;
}

/** Hall-local noon in Asia/Shanghai of a date: `at('2026-09-15')` → 2026-09-15T12:00:00+08:00. */
export function at(date: string, time = '12:00:00'): string {
  return `${date}T${time}+08:00`;
}

const SETUP = at('2026-01-01', '08:00:00');

/**
 * A small hall in Asia/Shanghai: department d1, windows w1 (approval, staff
 * s1 on A and s2 on B) and w2 (public service, s3 on A), service item si-5
 * (5 working days).
 */
export function smallHall(): AssessmentEvent[] {
  return [
    event('HallCreated', SETUP, { hallId: 'h1', name: 'Hall', timezone: 'Asia/Shanghai', assessmentStartsOn: '2026-01-01', autoAdvance: true }, 'hall'),
    event('DepartmentRegistered', SETUP, { departmentId: 'd1', name: 'Dept' }, 'dep-d1'),
    window('w1', 'approval'),
    window('w2', 'public_service'),
    staff('s1'),
    staff('s2'),
    staff('s3'),
    assign('s1', 'w1', 'A'),
    assign('s2', 'w1', 'B'),
    assign('s3', 'w2', 'A'),
    event('ServiceItemRegistered', SETUP, { serviceItemId: 'si-5', name: 'Licence', departmentId: 'd1', committedWorkingDays: 5 }, 'si-5'),
  ];
}

export function window(windowId: string, kind: 'approval' | 'public_service' = 'approval', occurredAt = SETUP): EventOf<'WindowOpened'> {
  return event('WindowOpened', occurredAt, { windowId, number: windowId, name: windowId, departmentId: 'd1', kind }, `open-${windowId}-${occurredAt}`);
}

export function staff(staffId: string): EventOf<'StaffRegistered'> {
  return event('StaffRegistered', SETUP, { staffId, name: staffId, departmentId: 'd1' }, `reg-${staffId}`);
}

export function assign(staffId: string, windowId: string, post: 'A' | 'B' = 'A', occurredAt = SETUP): EventOf<'StaffAssigned'> {
  return event('StaffAssigned', occurredAt, { staffId, windowId, post }, `assign-${staffId}-${windowId}-${occurredAt}`);
}

export function unassign(staffId: string, windowId: string, occurredAt: string): EventOf<'StaffUnassigned'> {
  return event('StaffUnassigned', occurredAt, { staffId, windowId }, `unassign-${staffId}-${windowId}-${occurredAt}`);
}

export function finding(
  ruleCode: string,
  occurredAt: string,
  f: { windowId?: string; staffId?: string; count?: number } = {},
  id?: string,
): EventOf<'InspectionRecorded'> {
  const { windowId = 'w1', staffId, count } = f;
  return event(
    'InspectionRecorded',
    occurredAt,
    {
      inspectionId: id ?? `insp-${counter + 1}`,
      inspectorId: 'i1',
      findings: [{ ruleCode, windowId, ...(staffId ? { staffId } : {}), ...(count ? { count } : {}) }],
    },
    id,
  );
}

/** A ticket's whole life at a window: issued, called, started, completed (seconds after `issuedAt`). */
export function ticket(
  ticketId: string,
  issuedAt: string,
  o: { windowId?: string; staffId?: string; waitSeconds?: number; serviceSeconds?: number } = {},
): AssessmentEvent[] {
  const { windowId = 'w1', staffId = 's1', waitSeconds = 60, serviceSeconds = 300 } = o;
  const t0 = Date.parse(issuedAt);
  const iso = (s: number) => new Date(t0 + s * 1000).toISOString();
  return [
    event('TicketIssued', issuedAt, { ticketId, number: ticketId, serviceItemId: 'si-5' }, `${ticketId}-issued`),
    event('TicketCalled', iso(waitSeconds), { ticketId, windowId, staffId }, `${ticketId}-called`),
    event('ServiceStarted', iso(waitSeconds + 10), { ticketId, windowId, staffId }, `${ticketId}-started`),
    event('ServiceCompleted', iso(waitSeconds + 10 + serviceSeconds), { ticketId, windowId, staffId, outcome: 'completed' }, `${ticketId}-completed`),
  ];
}

export function rating(
  ratingId: string,
  occurredAt: string,
  r: { level: number; windowId?: string; staffId?: string; ticketId?: string; caseId?: string; channel?: 'kiosk' | 'qr' | 'web' | 'hotline' | 'sms' },
): EventOf<'RatingSubmitted'> {
  const { level, windowId = 'w1', channel = 'kiosk', staffId, ticketId, caseId } = r;
  return event(
    'RatingSubmitted',
    occurredAt,
    {
      ratingId,
      level,
      channel,
      windowId,
      ...(staffId ? { staffId } : {}),
      ...(ticketId ? { ticketId } : {}),
      ...(caseId ? { caseId } : {}),
    },
    ratingId,
  );
}

export function caseAccepted(caseId: string, occurredAt: string, c: { windowId?: string; staffId?: string; serviceItemId?: string } = {}): EventOf<'CaseAccepted'> {
  const { windowId = 'w1', staffId = 's1', serviceItemId = 'si-5' } = c;
  return event('CaseAccepted', occurredAt, { caseId, serviceItemId, windowId, staffId }, `${caseId}-accepted`);
}

export function caseCompleted(caseId: string, occurredAt: string): EventOf<'CaseCompleted'> {
  return event('CaseCompleted', occurredAt, { caseId }, `${caseId}-completed-${occurredAt}`);
}

export function attendance(
  mark: 'late' | 'early_leave' | 'off_post' | 'absence',
  occurredAt: string,
  a: { minutes?: number; halfDay?: boolean; staffId?: string; windowId?: string } = {},
): EventOf<'AttendanceMarked'> {
  const { staffId = 's1', windowId = 'w1', minutes, halfDay } = a;
  return event('AttendanceMarked', occurredAt, {
    staffId,
    windowId,
    date: occurredAt.slice(0, 10),
    mark,
    ...(minutes !== undefined ? { minutes } : {}),
    ...(halfDay !== undefined ? { halfDay } : {}),
  });
}

export function leave(
  leaveId: string,
  from: string,
  to: string,
  l: { leaveType?: 'personal' | 'sick' | 'official' | 'annual'; sickCertificate?: boolean; staffId?: string; windowId?: string; occurredAt?: string } = {},
): EventOf<'LeaveApproved'> {
  const { leaveType = 'personal', staffId = 's1', windowId = 'w1', sickCertificate, occurredAt = at(from, '08:00:00') } = l;
  return event(
    'LeaveApproved',
    occurredAt,
    { leaveId, staffId, windowId, leaveType, from, to, ...(sickCertificate !== undefined ? { sickCertificate } : {}) },
    `${leaveId}-approved`,
  );
}

export function peerReview(reviewer: string, target: string, grade: 'good' | 'medium' | 'poor', period = '2026-09'): EventOf<'PeerReviewSubmitted'> {
  return event('PeerReviewSubmitted', at('2026-09-28'), { reviewerWindowId: reviewer, targetWindowId: target, period, grade }, `pr-${reviewer}-${target}-${period}`);
}
