import { z } from 'zod';
import { entityId } from '../primitives.ts';

export const CommendationRecorded = z.strictObject({
  commendationId: entityId,
  kind: z.enum(['thank_you_letter', 'pennant', 'media_praise', 'superior_commendation']),
  windowId: entityId,
  staffId: entityId.optional(),
  note: z.string().max(2000).optional(),
}).meta({
  description: '表扬: a thank-you letter (感谢信), pennant (锦旗), media praise or a superior body\'s commendation; bonus points up to the cap.',
  examples: [{ commendationId: 'cm-0917-01', kind: 'pennant', windowId: 'w-01', staffId: 's-017', note: '群众赠送锦旗' }],
});

export const commendationEvents = { CommendationRecorded } as const;
