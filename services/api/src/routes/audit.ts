import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, entityId, monthPeriod, storedEvent } from '@hall/contracts';
import { readEvents } from '@hall/event-store';
import type { AppDeps } from '../app-deps.ts';
import { brokenCheckpoint } from '../audit/schemas.ts';
import { sendNdjson, wantsNdjson } from '../audit/ndjson.ts';
import { loadKeyRing, replayVersion, verifyHall } from '@hall/assessment';

const hallParams = z.object({ hallId: entityId });

export const auditRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/v1/halls/:hallId/events',
    {
      config: { access: ['auditor', 'supervisor'] },
      schema: {
        operationId: 'listEvents',
        summary: 'Read the history',
        tags: ['audit'],
        description:
          'The hall\'s history in order with the hash chain (auditor, supervisor). `next` is the `after` of the following page, null at the end. More than 1000 a page is 422: no silent caps. With `Accept: application/x-ndjson` the answer is instead every event after `after` through the head at the time of the request, one JSON object per line (the fields below), streamed; `limit` does not apply.',
        params: hallParams,
        querystring: z.strictObject({
          after: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: { 200: z.object({ events: z.array(storedEvent), next: z.number().int().nullable() }) },
      },
    },
    async (request, reply) => {
      const { hallId } = request.params;
      const hall = await deps.assessment.requireHall(hallId);
      if (wantsNdjson(request.headers.accept)) return sendNdjson(reply, deps.store.db, hallId, request.query.after);
      const { after, limit } = request.query;
      const events = await readEvents(deps.store.db, hallId, { after, limit });
      const last = events.at(-1)?.position ?? after;
      const head = (await deps.assessment.requireHallFresh(hall.hallId)).headPosition;
      return {
        events,
        next: events.length === limit && last < head ? last : null,
      };
    },
  );

  app.get(
    '/v1/halls/:hallId/audit/verify',
    {
      config: { access: ['auditor', 'supervisor'] },
      schema: {
        operationId: 'verifyHistory',
        summary: 'Verify the hash chain',
        tags: ['audit'],
        description:
          'Walks the hash chain from the first event and checks every signed checkpoint (signature with the key the checkpoint names, the checkpointed hash still at its position, one for every final or restated publication); reports the first position where the history breaks and the first checkpoint that does not hold.',
        params: hallParams,
        response: {
          200: z.object({
            ok: z.boolean(),
            eventsChecked: z.number().int(),
            headPosition: z.number().int(),
            headHash: z.string(),
            firstBrokenPosition: z.number().int().optional(),
            checkpointsChecked: z.number().int(),
            brokenCheckpoint: brokenCheckpoint.optional(),
          }),
        },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      await deps.assessment.requireHall(hallId);
      return verifyHall(deps.store.db, hallId, await loadKeyRing(deps.store.db, deps.signer));
    },
  );

  app.get(
    '/v1/halls/:hallId/audit/replay',
    {
      config: { access: ['auditor', 'supervisor'] },
      schema: {
        operationId: 'replayPublication',
        summary: 'Replay a published month',
        tags: ['audit'],
        description:
          'Re-computes a published version of a month (初步通报, 正式通报 or 更正通报) from the history alone and compares it with what was published. 409 for a month with no publication.',
        'x-problems': ['NO_PUBLICATION'],
        params: hallParams,
        querystring: z.strictObject({ period: monthPeriod, version: z.coerce.number().int().min(1).optional() }),
        response: {
          200: z.object({
            period: z.string(),
            version: z.number().int(),
            computedThrough: z.number().int(),
            eventsReplayed: z.number().int(),
            matches: z.boolean(),
            differences: z.array(z.object({ subject: subjectRefNullable, path: z.string(), published: z.unknown(), replayed: z.unknown() })),
          }),
        },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      await deps.assessment.requireHall(hallId);
      if (!request.query.period) throw new DomainError('VALIDATION_FAILED', 'period is required');
      return replayVersion(deps.assessment, hallId, request.query.period, request.query.version);
    },
  );
};

const subjectRefNullable = z.object({ type: z.enum(['window', 'staff']), id: z.string() }).nullable();
