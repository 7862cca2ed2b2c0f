import fp from 'fastify-plugin';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '@hall/contracts';
import { RETRY_AFTER_SECONDS } from '../http/database-unavailable.ts';

/**
 * Sheds load instead of collapsing: while the event loop lags more than
 * `maxEventLoopDelayMs` (sampled), new requests get 503 with `Retry-After`
 * and a problem body at once, so the requests already taken finish and
 * clients back off. `/health/live` is never shed: an overloaded process is
 * alive, and restarting it would lose the work in flight. 0 turns this off.
 */
export const overloadPlugin = fp(
  async (app: FastifyInstance, opts: { maxEventLoopDelayMs: number }) => {
    if (opts.maxEventLoopDelayMs <= 0) return;
    await app.register(underPressure, {
      maxEventLoopDelay: opts.maxEventLoopDelayMs,
      sampleInterval: Math.min(1000, Math.max(10, Math.floor(opts.maxEventLoopDelayMs / 2))),
      retryAfter: RETRY_AFTER_SECONDS,
      pressureHandler: (request, reply, type, value) => {
        if ((request.url.split('?')[0] ?? '') === '/health/live') return undefined;
        request.log.warn({ type, value, url: request.url }, 'overloaded: request shed');
        void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
        // Rendered by the problem-details handler like every other refusal.
        return Promise.reject(new DomainError('NOT_READY', 'The service is overloaded; retry later'));
      },
    });
  },
  { name: 'overload' },
);
