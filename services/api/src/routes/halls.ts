import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, entityId, isoDate, readerRoles } from '@hall/contracts';
import { getHall } from '@hall/event-store';
import type { AppDeps } from '../app-deps.ts';
import { createHall, hallDocument as hallDocumentOf } from '@hall/assessment';
import { valueOrProblem } from '../http/outcome.ts';

const createHallBody = z.strictObject({
  id: entityId.optional(),
  name: z.string().min(1).max(200),
  timezone: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA timezone such as Asia/Shanghai')
    .default('Asia/Shanghai'),
  assessmentStartsOn: isoDate,
  autoAdvance: z.boolean().default(true),
});

export const hallDocument = z.object({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
  assessmentStartsOn: z.string(),
  autoAdvance: z.boolean(),
  createdAt: z.string(),
  headPosition: z.number().int(),
});

export const hallParams = z.object({ hallId: entityId });

export const hallRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/v1/halls',
    {
      schema: {
        operationId: 'createHall',
        summary: 'Create a hall (政务服务中心)',
        tags: ['halls'],
        description:
          'Creates a service hall (政务服务中心 / 政务大厅), the tenant every client, window and score belongs to (operator only). Its history starts with HallCreated and rule catalogue version 1 (docs/domain.md §4.1); `timezone` (default Asia/Shanghai) decides which month an event belongs to.',
        'x-problems': ['FORBIDDEN', 'HALL_EXISTS'],
        body: createHallBody,
        response: { 201: hallDocument },
      },
    },
    async (request, reply) => {
      if (request.principal?.kind !== 'admin') throw new DomainError('FORBIDDEN', 'Only the platform operator creates halls');
      const body = request.body;
      const hallId = body.id ?? randomUUID();
      const hall = valueOrProblem(
        await createHall(deps.assessment, {
        hallId,
          name: body.name,
          timezone: body.timezone,
          assessmentStartsOn: body.assessmentStartsOn,
          autoAdvance: body.autoAdvance,
        }),
      );
      return reply.status(201).send(hall);
    },
  );

  app.get(
    '/v1/halls/:hallId',
    {
      config: { access: [...readerRoles, 'queue', 'kiosk', 'inspector'] },
      schema: {
        operationId: 'getHall',
        summary: 'Read a hall',
        tags: ['halls'],
        description: "The hall (政务大厅): name, timezone, first assessed day, whether its months advance on schedule, and its history's head position.",
        params: hallParams,
        response: { 200: hallDocument },
      },
    },
    async (request) => {
      const hall = await getHall(deps.store.db, request.params.hallId);
      if (!hall) throw new DomainError('HALL_NOT_FOUND', `Unknown hall ${request.params.hallId}`);
      return hallDocumentOf(hall);
    },
  );
};
