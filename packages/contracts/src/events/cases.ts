import { z } from 'zod';
import { entityId } from '../primitives.ts';

const note = z.string().max(2000);

export const CaseAccepted = z.strictObject({
  caseId: entityId,
  serviceItemId: entityId,
  windowId: entityId,
  staffId: entityId,
  ticketId: entityId.optional(),
});
export const CaseSupplementRequested = z.strictObject({
  caseId: entityId,
  missingMaterials: z.array(z.string().min(1).max(500)).max(200),
  explainedInFull: z.boolean(),
});
export const CaseReturned = z.strictObject({ caseId: entityId, reason: z.string().max(2000), reasonGiven: z.boolean() });
export const CaseCompleted = z.strictObject({ caseId: entityId });
export const CaseResultErrorFound = z.strictObject({ caseId: entityId, note: note.optional() });
export const CaseMaterialsLost = z.strictObject({ caseId: entityId, note: note.optional() });

export const caseEvents = {
  CaseAccepted,
  CaseSupplementRequested,
  CaseReturned,
  CaseCompleted,
  CaseResultErrorFound,
  CaseMaterialsLost,
} as const;
