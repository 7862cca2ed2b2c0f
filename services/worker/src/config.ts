import { z } from 'zod';
import { scheduleSettings } from '@hall/scheduler';

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
  SIGNING_KEY: z.string().min(1).optional(),
  LOG_LEVEL: logLevel.default('info'),
  ...scheduleSettings,
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
