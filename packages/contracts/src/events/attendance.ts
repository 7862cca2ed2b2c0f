import { z } from 'zod';
import { entityId, isoDate } from '../primitives.ts';

export const AttendanceMarked = z.strictObject({
  staffId: entityId,
  windowId: entityId,
  date: isoDate,
  mark: z.enum(['late', 'early_leave', 'off_post', 'absence']),
  minutes: z.number().int().min(0).max(1440).optional(),
  halfDay: z.boolean().optional(),
});
export const LeaveApproved = z
  .strictObject({
    leaveId: entityId,
    staffId: entityId,
    windowId: entityId,
    leaveType: z.enum(['personal', 'sick', 'official', 'annual']),
    from: isoDate,
    to: isoDate,
    sickCertificate: z.boolean().optional(),
    approvers: z.array(z.string().min(1).max(200)).max(10).optional(),
  })
  .refine((l) => l.from <= l.to, { message: 'must not be before from', path: ['to'] });
export const LeaveRejected = z.strictObject({ leaveId: entityId, staffId: entityId, reason: z.string().max(2000) });
export const SubstituteAssigned = z.strictObject({ leaveId: entityId, substituteStaffId: entityId });

export const attendanceEvents = { AttendanceMarked, LeaveApproved, LeaveRejected, SubstituteAssigned } as const;
