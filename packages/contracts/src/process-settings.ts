import { z } from 'zod';

/*
 * The environment variables every process of the service reads, one
 * definition each, spread into the API's, the worker's and the CLI's env
 * schemas (services/<door>/src/config.ts), so their names, defaults and
 * messages cannot drift apart (as packages/scheduler's scheduleSettings does
 * for the schedule's). Here because every door may import the contracts and
 * no door may import another; plain zod, no I/O.
 */

/** Where the store is: PostgreSQL by URL, else the embedded PGlite under DATA_DIR. */
export const storeSettings = {
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  /** PGlite data (without DATABASE_URL) and the generated signing key. */
  DATA_DIR: z.string().min(1).default('./.data'),
};

/** BullMQ schedules and the shared rate limit (decision 1402); unset: in-process timers and per-process counting. */
export const redisSettings = {
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
};

/** The service's signing key, base64 PKCS#8 (decision 1401): the API and the worker refuse to start without it when DATABASE_URL is set; the CLI verifies with it. */
export const signingSettings = {
  SIGNING_KEY: z.string().min(1).optional(),
};

export const logSettings = {
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};
