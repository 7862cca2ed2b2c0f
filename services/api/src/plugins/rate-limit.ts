import type { FastifyInstance } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import { Redis as IORedis } from 'ioredis';
import { sha256Hex } from './auth.ts';

/** Prefix of the counters in Redis: one budget per client token for every API process of a deployment. */
export const RATE_LIMIT_NAMESPACE = 'hall-rate-limit:';
/** A Redis that stops answering (a dropped network) fails the count fast instead of holding the request. */
const REDIS_COMMAND_TIMEOUT_MS = 500;

/**
 * The rate limit (requests per client token per minute, docs/integration.md).
 * With REDIS_URL the counts live in Redis, so any number of API processes
 * share one budget; without, in this process's memory. Counting is never a
 * reason to refuse service: when Redis is away or slow the request goes
 * through uncounted (`skipOnError`) and the error is logged, as decision
 * 1102 keeps ingest and reads independent of Redis (decision 1402).
 */
export async function rateLimit(app: FastifyInstance, opts: { perMinute: number; redisUrl?: string }): Promise<void> {
  const redis = opts.redisUrl ? countingRedis(app, opts.redisUrl) : undefined;
  await app.register(fastifyRateLimit, {
    max: opts.perMinute,
    timeWindow: 60_000,
    hook: 'preHandler',
    keyGenerator: (request) => {
      const header = request.headers.authorization;
      return header ? sha256Hex(header) : request.ip;
    },
    allowList: (request) => (request.url.split('?')[0] ?? '').startsWith('/health/'),
    ...(redis ? { redis, nameSpace: RATE_LIMIT_NAMESPACE, skipOnError: true } : {}),
  });
}

function countingRedis(app: FastifyInstance, url: string): IORedis {
  const redis = new IORedis(url, {
    // No queue of commands while disconnected: a count that cannot be made fails at once and the request passes.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    lazyConnect: false,
  });
  let down = false;
  // Logged once per outage, never an unhandled 'error' event; ioredis keeps reconnecting on its own.
  redis.on('error', (err) => {
    if (!down) app.log.warn({ err }, 'rate limit: Redis unavailable, requests pass uncounted until it returns');
    down = true;
  });
  redis.on('ready', () => {
    down = false;
  });
  app.addHook('onClose', async () => {
    redis.disconnect();
  });
  return redis;
}
