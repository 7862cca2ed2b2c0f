import { z } from 'zod';

/** Request bodies of the appeal and period routes, shared with the console's forms so both check alike. */
export const fileAppealBody = z.strictObject({ lineItemId: z.string().min(1).max(400), reason: z.string().min(1).max(2000) });
export const decideAppealBody = z.strictObject({ upheld: z.boolean(), reason: z.string().min(1).max(2000) });
export const transitionBody = z.strictObject({ to: z.enum(['collecting', 'preliminary', 'final']) });
export const restatementBody = z.strictObject({ reason: z.string().min(1).max(2000) });
