import { z } from 'zod';

/**
 * The schedule's environment variables, one definition for every process that
 * runs it (`pnpm start`, `pnpm start:worker`), so their names and defaults
 * cannot drift apart. Spread into each service's own env schema.
 */
export const scheduleSettings = {
  /** BullMQ queue of the period schedule (with REDIS_URL): the API and worker processes of one deployment share it. */
  SCHEDULER_QUEUE: z.string().min(1).default('hall-periods'),
  /** How often the schedule looks for due period transitions and bad-rating marks. */
  SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(60),
  /** Webhooks of bad-rating cases (docs/integration.md "Webhooks"): BullMQ queue with REDIS_URL, shared by every worker. */
  WEBHOOK_QUEUE: z.string().min(1).default('hall-webhooks'),
  /** How often new case events are turned into deliveries (and, without Redis, due retries are sent). */
  WEBHOOK_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(10),
  /** Attempts per delivery before it is `failed` (re-sendable), and the first retry's wait (each next one doubles). */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(10),
  WEBHOOK_BACKOFF_SECONDS: z.coerce.number().int().min(1).default(30),
};
