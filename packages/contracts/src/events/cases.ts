import { z } from 'zod';
import { entityId } from '../primitives.ts';

const note = z.string().max(2000);

export const CaseAccepted = z.strictObject({
  caseId: entityId,
  serviceItemId: entityId,
  windowId: entityId,
  staffId: entityId,
  ticketId: entityId.optional(),
}).meta({
  description: '收件 / 受理: a case is accepted; its deadline runs from the service item\'s committed working days.',
  examples: [{ caseId: 'c-2026-0917-003', serviceItemId: 'si-hukou-move', windowId: 'w-01', staffId: 's-017', ticketId: 't-0917-017' }],
});
export const CaseSupplementRequested = z.strictObject({
  caseId: entityId,
  missingMaterials: z.array(z.string().min(1).max(500)).max(200),
  explainedInFull: z.boolean(),
}).meta({
  description: '补件 (一次性告知): materials are missing; `explainedInFull` says whether all were named at once.',
  examples: [{ caseId: 'c-2026-0917-003', missingMaterials: ['户口簿原件', '迁入地证明'], explainedInFull: true }],
});
export const CaseReturned = z.strictObject({ caseId: entityId, reason: z.string().max(2000), reasonGiven: z.boolean() }).meta({
  description: '退件: a case is returned, with its reason.',
  examples: [{ caseId: 'c-2026-0917-003', reason: '不符合迁入条件', reasonGiven: true }],
});
export const CaseCompleted = z.strictObject({ caseId: entityId }).meta({
  description: '办结: a case is completed.',
  examples: [{ caseId: 'c-2026-0917-003' }],
});
export const CaseResultErrorFound = z.strictObject({ caseId: entityId, note: note.optional() }).meta({
  description: '办件结果差错: an error is found in a case\'s result.',
  examples: [{ caseId: 'c-2026-0917-003', note: '证件信息录入错误' }],
});
export const CaseMaterialsLost = z.strictObject({ caseId: entityId, note: note.optional() }).meta({
  description: '材料遗失: a case\'s materials were lost.',
  examples: [{ caseId: 'c-2026-0917-003', note: '申请表原件遗失' }],
});

export const caseEvents = {
  CaseAccepted,
  CaseSupplementRequested,
  CaseReturned,
  CaseCompleted,
  CaseResultErrorFound,
  CaseMaterialsLost,
} as const;
