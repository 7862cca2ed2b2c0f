import type { EventAction } from './event-form.ts';

/**
 * The events each recording page offers, field by field as their schemas in
 * @hall/contracts name them (the schema, not this list, decides what is valid).
 */
export const attendanceActions: readonly EventAction[] = [
  {
    type: 'AttendanceMarked',
    fields: [
      { key: 'staffId', kind: 'staff' },
      { key: 'windowId', kind: 'window' },
      { key: 'date', kind: 'date' },
      { key: 'mark', kind: 'enum', values: ['late', 'early_leave', 'off_post', 'absence'] },
      { key: 'minutes', kind: 'number', optional: true },
      { key: 'halfDay', kind: 'bool', optional: true },
    ],
  },
  {
    type: 'LeaveApproved',
    fields: [
      { key: 'leaveId', kind: 'id', prefix: 'leave' },
      { key: 'staffId', kind: 'staff' },
      { key: 'windowId', kind: 'window' },
      { key: 'leaveType', kind: 'enum', values: ['personal', 'sick', 'official', 'annual'] },
      { key: 'from', kind: 'date' },
      { key: 'to', kind: 'date' },
      { key: 'sickCertificate', kind: 'bool', optional: true },
      { key: 'approvers', kind: 'list', optional: true },
    ],
  },
  {
    type: 'LeaveRejected',
    fields: [
      { key: 'leaveId', kind: 'text' },
      { key: 'staffId', kind: 'staff' },
      { key: 'reason', kind: 'textarea' },
    ],
  },
  {
    type: 'SubstituteAssigned',
    fields: [
      { key: 'leaveId', kind: 'text' },
      { key: 'substituteStaffId', kind: 'staff' },
    ],
  },
];

export const complaintActions: readonly EventAction[] = [
  {
    type: 'ComplaintReceived',
    fields: [
      { key: 'complaintId', kind: 'id', prefix: 'complaint' },
      { key: 'channel', kind: 'enum', values: ['hall', 'hotline', 'web', 'media', 'letter'] },
      { key: 'windowId', kind: 'window', optional: true },
      { key: 'staffId', kind: 'staff', optional: true },
      { key: 'summary', kind: 'textarea' },
      { key: 'contact', kind: 'text', optional: true },
    ],
  },
  {
    type: 'ComplaintVerified',
    fields: [
      { key: 'complaintId', kind: 'text' },
      { key: 'valid', kind: 'bool' },
      { key: 'windowId', kind: 'window' },
      { key: 'staffId', kind: 'staff', optional: true },
      { key: 'mediaExposure', kind: 'bool' },
      { key: 'note', kind: 'textarea', optional: true },
    ],
  },
  {
    type: 'ComplaintRectified',
    fields: [
      { key: 'complaintId', kind: 'text' },
      { key: 'note', kind: 'textarea', optional: true },
    ],
  },
];

export const commendationActions: readonly EventAction[] = [
  {
    type: 'CommendationRecorded',
    fields: [
      { key: 'commendationId', kind: 'id', prefix: 'commendation' },
      { key: 'kind', kind: 'enum', values: ['thank_you_letter', 'pennant', 'media_praise', 'superior_commendation'] },
      { key: 'windowId', kind: 'window' },
      { key: 'staffId', kind: 'staff', optional: true },
      { key: 'note', kind: 'textarea', optional: true },
    ],
  },
];

export const organisationActions: readonly EventAction[] = [
  { type: 'DepartmentRegistered', fields: [{ key: 'departmentId', kind: 'text' }, { key: 'name', kind: 'text' }] },
  {
    type: 'WindowOpened',
    fields: [
      { key: 'windowId', kind: 'text' },
      { key: 'number', kind: 'text' },
      { key: 'name', kind: 'text' },
      { key: 'departmentId', kind: 'department' },
      { key: 'kind', kind: 'enum', values: ['approval', 'public_service'] },
    ],
  },
  { type: 'WindowClosed', fields: [{ key: 'windowId', kind: 'window' }] },
  { type: 'StaffRegistered', fields: [{ key: 'staffId', kind: 'text' }, { key: 'name', kind: 'text' }, { key: 'departmentId', kind: 'department' }] },
  { type: 'StaffAssigned', fields: [{ key: 'staffId', kind: 'staff' }, { key: 'windowId', kind: 'window' }, { key: 'post', kind: 'enum', values: ['A', 'B'] }] },
  { type: 'StaffUnassigned', fields: [{ key: 'staffId', kind: 'staff' }, { key: 'windowId', kind: 'window' }] },
  {
    type: 'ServiceItemRegistered',
    fields: [
      { key: 'serviceItemId', kind: 'text' },
      { key: 'name', kind: 'text' },
      { key: 'departmentId', kind: 'department' },
      { key: 'committedWorkingDays', kind: 'number' },
    ],
  },
];
