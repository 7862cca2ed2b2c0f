import { z } from 'zod';
import { entityId, isoDate, windowKind } from '../primitives.ts';

export const DepartmentRegistered = z.strictObject({ departmentId: entityId, name: z.string().min(1).max(200) });
export const WindowOpened = z.strictObject({
  windowId: entityId,
  number: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  departmentId: entityId,
  kind: windowKind,
});
export const WindowClosed = z.strictObject({ windowId: entityId });
export const StaffRegistered = z.strictObject({ staffId: entityId, name: z.string().min(1).max(200), departmentId: entityId });
export const StaffAssigned = z.strictObject({ staffId: entityId, windowId: entityId, post: z.enum(['A', 'B']) });
export const StaffUnassigned = z.strictObject({ staffId: entityId, windowId: entityId });
export const ServiceItemRegistered = z.strictObject({
  serviceItemId: entityId,
  name: z.string().min(1).max(200),
  departmentId: entityId,
  committedWorkingDays: z.number().int().min(0).max(3650),
});
export const CalendarDaysSet = z.strictObject({
  days: z.array(z.strictObject({ date: isoDate, kind: z.enum(['holiday', 'workday']) })).min(1).max(1000),
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
