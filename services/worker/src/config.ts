import { z } from 'zod';

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  /** PGlite data (without DATABASE_URL) and the generated signing key. */
  DATA_DIR: z.string().min(1).default('./.data'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  /** BullMQ queue of the period schedule: the workers of one deployment share it. */
  SCHEDULER_QUEUE: z.string().min(1).default('hall-periods'),
  SIGNING_KEY: z.string().min(1).optional(),
  LOG_LEVEL: logLevel.default('info'),
  SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(60),
  /** Webhooks of bad-rating cases (docs/integration.md "Webhooks"): BullMQ queue with REDIS_URL, shared by every worker. */
  WEBHOOK_QUEUE: z.string().min(1).default('hall-webhooks'),
  /** How often new case events are turned into deliveries (and, without Redis, due retries are sent). */
  WEBHOOK_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(10),
  /** Attempts per delivery before it is `failed` (re-sendable), and the first retry's wait (each next one doubles). */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(10),
  WEBHOOK_BACKOFF_SECONDS: z.coerce.number().int().min(1).default(30),
});

export type WorkerConfig = Readonly<z.infer<typeof envSchema>>;

export class WorkerConfigError extends Error {
  override readonly name = 'WorkerConfigError';
}

/**
 * The worker's own configuration, read once and frozen (habit 12): only what
 * the period schedule needs. Empty strings count as unset; every bad variable
 * is named.
 */
export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const cleaned = Object.fromEntries(Object.keys(envSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new WorkerConfigError(`Invalid environment:\n  ${lines.join('\n  ')}`);
  }
  return Object.freeze(parsed.data);
}
