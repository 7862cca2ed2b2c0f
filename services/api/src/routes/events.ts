import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { appendRequest, appendResponse, DomainError, type IncomingEvent, type Role } from '@hall/contracts';
import { authorize } from '../http/principal.ts';

const POSTING_ROLES: readonly Role[] = ['supervisor', 'section', 'queue', 'kiosk', 'inspector', 'window_head'];
import type { AppDeps } from '../app.ts';
import { hallParams } from './halls.ts';
import { checkBatch } from '../events/check-batch.ts';

export const eventRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/v1/halls/:hallId/events',
    {
      schema: {
        tags: ['events'],
        description:
          'Appends 1–1000 events atomically and idempotently (API.md "Appending events"). One bad event rejects the batch with 422 naming every bad field; nothing is stored.',
        params: hallParams,
        body: appendRequest,
        response: { 200: appendResponse },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      if (!request.principal) throw new DomainError('UNAUTHENTICATED', 'A bearer token is required');
      authorize(request.principal, hallId, POSTING_ROLES);
      const hall = await deps.assessment.requireHall(hallId);
      const events = request.body.events as IncomingEvent[];
      // A void must name an event already stored: bring the in-memory history to the head first.
      if (events.some((e) => e.type === 'EventVoided')) await deps.assessment.caughtUp(hallId);
      await checkBatch({
        principal: request.principal,
        hallId,
        events,
        now: deps.clock(),
        timezone: hall.timezone,
        catalogues: await deps.assessment.catalogues(hallId),
        knownEvent: (id) => deps.assessment.loadedState(hallId)?.eventById(id) !== undefined,
      });
      const results = await deps.assessment.append(hallId, request.principal.clientId, events);
      return { results };
    },
  );
};
