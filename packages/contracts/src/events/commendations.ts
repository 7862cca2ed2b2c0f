import { z } from 'zod';
import { entityId } from '../primitives.ts';

export const CommendationRecorded = z.strictObject({
  commendationId: entityId,
  kind: z.enum(['thank_you_letter', 'pennant', 'media_praise', 'superior_commendation']),
  windowId: entityId,
  staffId: entityId.optional(),
  note: z.string().max(2000).optional(),
});

export const commendationEvents = { CommendationRecorded } as const;
