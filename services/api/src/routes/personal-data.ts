import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { entityId, eventId } from '@hall/contracts';
import { erasePersonalData, readContact } from '@hall/assessment';
import type { AppDeps } from '../app-deps.ts';
import { callerOf } from '../plugins/access.ts';
import { valueOrProblem } from '../http/outcome.ts';

const params = z.object({ hallId: entityId, eventId });

/** Citizens' contact data (docs/domain.md §10, PIPL): supervisors only; every read and erasure leaves a log line, never the contact. */
export const personalDataRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/v1/halls/:hallId/personal-data/:eventId',
    {
      config: { access: ['supervisor'] },
      schema: {
        operationId: 'getPersonalData',
        summary: "Read a citizen's contact (个人信息)",
        tags: ['personal data'],
        description: 'The contact (个人信息) a rating or complaint carried (supervisor). Each read is logged with the client and event id. 404 when none or erased.',
        params,
        response: { 200: z.object({ eventId: z.string(), contact: z.string() }) },
      },
    },
    async (request) => {
      const { hallId, eventId: id } = request.params;
      const principal = callerOf(request);
      const outcome = await readContact(deps.assessment, hallId, id);
      // Every read of a known hall is logged, found or not.
      if (outcome.ok || outcome.error.code !== 'HALL_NOT_FOUND') {
        request.log.info({ audit: 'personal_data_read', hallId, eventId: id, clientId: principal.clientId, found: outcome.ok }, 'personal data read');
      }
      return { eventId: id, contact: valueOrProblem(outcome) };
    },
  );

  app.delete(
    '/v1/halls/:hallId/personal-data/:eventId',
    {
      config: { access: ['supervisor'] },
      schema: {
        operationId: 'erasePersonalData',
        summary: "Erase a citizen's contact (个人信息)",
        tags: ['personal data'],
        description: 'Erases the contact (个人信息) of a rating or complaint (supervisor). The history keeps only its salted hash, so the chain, replays and scores are unchanged. 404 when none.',
        params,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { hallId, eventId: id } = request.params;
      const principal = callerOf(request);
      const outcome = await erasePersonalData(deps.assessment, hallId, id);
      if (outcome.ok || outcome.error.code !== 'HALL_NOT_FOUND') {
        request.log.info({ audit: 'personal_data_erase', hallId, eventId: id, clientId: principal.clientId, erased: outcome.ok }, 'personal data erasure');
      }
      valueOrProblem(outcome);
      return reply.status(204).send(null);
    },
  );
};
