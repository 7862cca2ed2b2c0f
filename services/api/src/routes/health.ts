import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { problemDetails } from '@hall/contracts';
import type { AppDeps } from '../app-deps.ts';
import { projectionLag } from '@hall/assessment';
import { RETRY_AFTER_SECONDS } from '../http/database-unavailable.ts';

export const healthRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/health/live',
    {
      schema: {
        operationId: 'getLiveness',
        summary: 'Liveness',
        tags: ['health'],
        description: 'Answers 200 as soon as the process runs; no token. For restarting a hung process, not for routing traffic (see readiness).',
        security: [],
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/health/ready',
    {
      schema: {
        operationId: 'getReadiness',
        summary: 'Readiness',
        tags: ['health'],
        security: [],
        description: 'Ready once migrations have run and the database (and Redis, when configured) answer; reports projection lag per hall.',
        response: {
          200: z.object({ status: z.literal('ready'), database: z.string(), lag: z.record(z.string(), z.number()) }).passthrough(),
          503: problemDetails,
        },
      },
    },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(deps.store.db);
        const extra = deps.readiness ? await deps.readiness() : { ok: true };
        if (!extra.ok) throw new Error('dependency not ready');
        const lag = await projectionLag(deps.store.db);
        return { status: 'ready' as const, database: deps.store.kind, lag, ...(extra.detail ?? {}) };
      } catch {
        return reply.status(503).header('retry-after', String(RETRY_AFTER_SECONDS)).type('application/problem+json').send({
          type: 'https://hall-assessment.dev/problems/not-ready',
          title: 'Not ready',
          status: 503,
          code: 'NOT_READY',
          detail: 'The database or a dependency does not answer yet',
        });
      }
    },
  );
};
