import { z } from 'zod';
import { entityId, isoDate, windowKind } from '../primitives.ts';

export const DepartmentRegistered = z.strictObject({ departmentId: entityId, name: z.string().min(1).max(200) }).meta({
  description: '派驻单位 / 部门: a department that seconds staff to windows.',
  examples: [{ departmentId: 'dept-ga', name: '公安局' }],
});
export const WindowOpened = z.strictObject({
  windowId: entityId,
  number: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  departmentId: entityId,
  kind: windowKind,
}).meta({
  description: '窗口: a service counter of a department opens; `kind` is approval (行政审批窗口) or public_service (公共服务窗口), ranked apart.',
  examples: [{ windowId: 'w-01', number: '01', name: '户籍办理', departmentId: 'dept-ga', kind: 'approval' }],
});
export const WindowClosed = z.strictObject({ windowId: entityId }).meta({
  description: '窗口撤销: the window closes; its history and scores stay.',
  examples: [{ windowId: 'w-01' }],
});
export const StaffRegistered = z.strictObject({ staffId: entityId, name: z.string().min(1).max(200), departmentId: entityId }).meta({
  description: '窗口工作人员: a staff member of a department.',
  examples: [{ staffId: 's-017', name: '王芳', departmentId: 'dept-ga' }],
});
export const StaffAssigned = z.strictObject({ staffId: entityId, windowId: entityId, post: z.enum(['A', 'B']) }).meta({
  description: '上岗 (AB岗): a staff member takes the A-post or the B-post (substitute) of a window.',
  examples: [{ staffId: 's-017', windowId: 'w-01', post: 'A' }],
});
export const StaffUnassigned = z.strictObject({ staffId: entityId, windowId: entityId }).meta({
  description: '离岗: a staff member leaves a window.',
  examples: [{ staffId: 's-017', windowId: 'w-01' }],
});
export const ServiceItemRegistered = z.strictObject({
  serviceItemId: entityId,
  name: z.string().min(1).max(200),
  departmentId: entityId,
  committedWorkingDays: z.number().int().min(0).max(3650),
}).meta({
  description: '事项: a procedure citizens apply for, with its committed time limit (承诺时限) in working days.',
  examples: [{ serviceItemId: 'si-hukou-move', name: '户口迁移', departmentId: 'dept-ga', committedWorkingDays: 5 }],
});
export const CalendarDaysSet = z.strictObject({
  days: z.array(z.strictObject({ date: isoDate, kind: z.enum(['holiday', 'workday']) })).min(1).max(1000),
}).meta({
  description: '节假日 / 调休: holidays and make-up workdays of the hall calendar (weekends are non-working unless set workday).',
  examples: [{ days: [{ date: '2026-10-01', kind: 'holiday' }, { date: '2026-10-10', kind: 'workday' }] }],
});

export const organisationEvents = {
  DepartmentRegistered,
  WindowOpened,
  WindowClosed,
  StaffRegistered,
  StaffAssigned,
  StaffUnassigned,
  ServiceItemRegistered,
  CalendarDaysSet,
} as const;
