import { z } from 'zod';
import { entityId } from '../primitives.ts';

export const Finding = z.strictObject({
  ruleCode: z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'must be a rule code such as CON_BADGE_UNIFORM'),
  windowId: entityId,
  staffId: entityId.optional(),
  count: z.number().int().min(1).max(1000).optional(),
  note: z.string().max(2000).optional(),
  evidence: z.array(z.string().min(1).max(500)).max(50).optional(),
});
export type Finding = z.infer<typeof Finding>;

export const InspectionRecorded = z.strictObject({
  inspectionId: entityId,
  inspectorId: entityId,
  findings: z.array(Finding).min(1).max(200),
}).meta({
  description: '督查 / 巡查: one inspection visit with its findings, each naming a rule code of the catalogue.',
  examples: [{ inspectionId: 'insp-0917-am', inspectorId: 'inspector-li', findings: [{ ruleCode: 'HYG_NOT_CLEAN', windowId: 'w-01', count: 2, note: '台面杂乱', evidence: ['photo-0917-01.jpg'] }, { ruleCode: 'CON_BADGE_UNIFORM', windowId: 'w-02', staffId: 's-021' }] }],
});

export const inspectionEvents = { InspectionRecorded } as const;
