import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decideAppealBody, entityId, fileAppealBody, readerRoles, subjectRef } from '@hall/contracts';
import type { AppDeps } from '../app-deps.ts';
import { roleOf } from '../http/principal.ts';
import { callerOf } from '../plugins/access.ts';
import { decideAppeal, fileAppeal, getAppeal, storedFacts } from '@hall/assessment';
import { asOf } from '../http/etag.ts';

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
      config: { access: ['window_head', 'supervisor'] },
      schema: {
        operationId: 'fileAppeal',
        summary: 'Appeal a line item (复核)',
        tags: ['appeals'],
        'x-problems': ['OBJECTION_WINDOW_CLOSED', 'APPEAL_PENDING', 'UNKNOWN_REFERENCE'],
        description: 'Asks for a review (复核) of a line item by its id (window head during the objection window, for its window and staff; supervisor at any time). 409 outside the objection window.',
        params: hallParams,
        body: fileAppealBody,
        response: { 201: appealDocument },
      },
    },
    async (request, reply) => {
      const principal = callerOf(request);
      await a.requireHall(request.params.hallId);
      const appellant = roleOf(principal) === 'supervisor' ? ({ role: 'supervisor' } as const) : ({ role: 'window_head', windowId: principal.kind === 'client' ? principal.windowId : null } as const);
      const appeal = await fileAppeal(a, request.params.hallId, appellant, request.body);
      return reply.status(201).send(appeal);
    },
  );

  app.get(
    '/v1/halls/:hallId/appeals/:appealId',
    {
      config: { access: readerRoles },
      schema: {
        operationId: 'getAppeal',
        summary: 'Read an appeal',
        tags: ['appeals'],
        description: 'An appeal (复核) with its line item, reason, status and, once decided, the decision and its reason.',
        params: hallParams.extend({ appealId: entityId }),
        response: { 200: appealDocument },
      },
    },
    async (request, reply) => {
      const facts = await storedFacts(a, request.params.hallId);
      asOf(reply, facts.asOfPosition);
      return getAppeal(a, facts, request.params.appealId);
    },
  );

  app.post(
    '/v1/halls/:hallId/appeals/:appealId/decision',
    {
      config: { access: ['supervisor'] },
      schema: {
        operationId: 'decideAppeal',
        summary: 'Decide an appeal',
        tags: ['appeals'],
        'x-problems': ['APPEAL_DECIDED'],
        description: 'Upholds (the line item is voided and scores recomputed) or rejects an appeal, with a reason (supervisor).',
        params: hallParams.extend({ appealId: entityId }),
        body: decideAppealBody,
        response: { 200: appealDocument },
      },
    },
    async (request) => {
      await a.requireHall(request.params.hallId);
      return decideAppeal(a, request.params.hallId, request.params.appealId, request.body);
    },
  );
};
