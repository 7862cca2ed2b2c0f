import { z } from 'zod';
import { entityId, isoDate } from '../primitives.ts';

export const AttendanceMarked = z.strictObject({
  staffId: entityId,
  windowId: entityId,
  date: isoDate,
  mark: z.enum(['late', 'early_leave', 'off_post', 'absence']),
  minutes: z.number().int().min(0).max(1440).optional(),
  halfDay: z.boolean().optional(),
}).meta({
  description: '考勤: late (迟到), early leave (早退), off post (脱岗) or absence (旷工) of a staff member on a day.',
  examples: [{ staffId: 's-017', windowId: 'w-01', date: '2026-09-17', mark: 'late', minutes: 12 }],
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
  .refine((l) => l.from <= l.to, { message: 'must not be before from', path: ['to'] })
  .meta({
    description: '请假: approved leave (personal, sick, official, annual) over an inclusive date range; without a required substitute (替岗) it costs points.',
    examples: [{ leaveId: 'lv-0921-s017', staffId: 's-017', windowId: 'w-01', leaveType: 'sick', from: '2026-09-21', to: '2026-09-22', sickCertificate: true, approvers: ['带班班长'] }],
  });
export const LeaveRejected = z.strictObject({ leaveId: entityId, staffId: entityId, reason: z.string().max(2000) }).meta({
  description: '请假未批准: a leave is rejected.',
  examples: [{ leaveId: 'lv-0921-s017', staffId: 's-017', reason: '窗口人手不足' }],
});
export const SubstituteAssigned = z.strictObject({ leaveId: entityId, substituteStaffId: entityId }).meta({
  description: '替岗 / 顶岗: a substitute covers a leave.',
  examples: [{ leaveId: 'lv-0921-s017', substituteStaffId: 's-018' }],
});

export const attendanceEvents = { AttendanceMarked, LeaveApproved, LeaveRejected, SubstituteAssigned } as const;
