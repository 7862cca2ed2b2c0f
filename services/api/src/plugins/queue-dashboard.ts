import type { FastifyInstance } from 'fastify';
import { Queue } from 'bullmq';
import { Redis as IORedis } from 'ioredis';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { problem } from '../http/problem.ts';
import { isOperator } from './operator-access.ts';
import { QUEUE } from '@hall/scheduler';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * The BullMQ queue dashboard (bull-board) at `/admin/queues`, for the
 * operator only (bearer, or the browser's Basic prompt with the operator
 * token as password). Registered only when REDIS_URL is set; it opens its own
 * connection, closed with the app. Its routes stay out of the OpenAPI document.
 */
export async function queueDashboard(app: FastifyInstance, opts: { redisUrl: string; adminTokenHash: string; queueNames?: string[] }): Promise<void> {
  const connection = new IORedis(opts.redisUrl, { maxRetriesPerRequest: null });
  const queues = (opts.queueNames ?? [QUEUE]).map((name) => new Queue(name, { connection }));
  // A Redis outage is logged, not printed raw to stderr by an unhandled 'error' (ioredis reconnects on its own).
  const onRedisError = (err: Error) => app.log.warn({ err }, 'queue dashboard: Redis unavailable');
  connection.on('error', onRedisError);
  for (const queue of queues) queue.on('error', onRedisError);
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false })), serverAdapter });

  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, hide: true };
    });
    scope.addHook('onRequest', async (request, reply) => {
      if (isOperator(opts.adminTokenHash, request.headers.authorization)) return;
      const body = problem('UNAUTHENTICATED', 'The queue dashboard is for the platform operator: user any, password the operator token');
      return reply.status(401).header('www-authenticate', 'Basic realm="hall queues", charset="UTF-8"').type('application/problem+json').send(body);
    });
    await scope.register(serverAdapter.registerPlugin() as never, { prefix: QUEUE_DASHBOARD_PATH });
  });
  app.addHook('onClose', async () => {
    await Promise.all(queues.map((q) => q.close()));
    await connection.quit();
  });
}
