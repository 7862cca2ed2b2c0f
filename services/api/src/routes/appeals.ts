import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decideAppealBody, entityId, fileAppealBody, readerRoles, subjectRef } from '@hall/contracts';
import type { AppDeps } from '../app.ts';
import { authorize } from '../http/principal.ts';
import { decideAppeal, fileAppeal, getAppeal } from '../assessment/appeals.ts';

const hallParams = z.object({ hallId: entityId });
const appealDocument = z.object({
  appealId: z.string(),
  lineItemId: z.string(),
  period: z.string(),
  reason: z.string(),
  filedAt: z.string(),
  status: z.enum(['pending', 'upheld', 'rejected']),
  decision: z.object({ upheld: z.boolean(), reason: z.string(), decidedAt: z.string() }).nullable(),
  subject: subjectRef.optional(),
  ruleCode: z.string().optional(),
  points: z.number().optional(),
});

export const appealRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const a = deps.assessment;

  app.post(
    '/v1/halls/:hallId/appeals',
    {
      schema: {
        tags: ['appeals'],
        description: 'Appeals a line item by its id (window head during the objection window, for its window and staff; supervisor at any time). 409 outside the objection window.',
        params: hallParams,
        body: fileAppealBody,
        response: { 201: appealDocument },
      },
    },
    async (request, reply) => {
      const principal = authorize(request.principal, request.params.hallId, ['window_head', 'supervisor']);
      await a.requireHall(request.params.hallId);
      const appeal = await fileAppeal(a, request.params.hallId, principal, request.body);
      return reply.status(201).send(appeal);
    },
  );

  app.get(
    '/v1/halls/:hallId/appeals/:appealId',
    { schema: { tags: ['appeals'], params: hallParams.extend({ appealId: entityId }), response: { 200: appealDocument } } },
    async (request) => {
      authorize(request.principal, request.params.hallId, readerRoles);
      const state = await a.caughtUp(request.params.hallId);
      return getAppeal(state, request.params.appealId);
    },
  );

  app.post(
    '/v1/halls/:hallId/appeals/:appealId/decision',
    {
      schema: {
        tags: ['appeals'],
        description: 'Upholds (the line item is voided and scores recomputed) or rejects an appeal, with a reason (supervisor).',
        params: hallParams.extend({ appealId: entityId }),
        body: decideAppealBody,
        response: { 200: appealDocument },
      },
    },
    async (request) => {
      authorize(request.principal, request.params.hallId, ['supervisor']);
      await a.requireHall(request.params.hallId);
      return decideAppeal(a, request.params.hallId, request.params.appealId, request.body);
    },
  );
};
