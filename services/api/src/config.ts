import { z } from 'zod';
import { logSettings, redisSettings, signingSettings, storeSettings } from '@hall/contracts';
import { scheduleSettings } from '@hall/scheduler';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  ...storeSettings,
  ...redisSettings,
  /** Any non-empty token is taken (docs/integration.md sets no rule); a short one is warned about at start. */
  ADMIN_TOKEN: z.string().min(1).optional(),
  /** Bearer token a Prometheus scraper sends to `GET /metrics` (the operator token works too); unset: operator only. */
  METRICS_TOKEN: z.string().min(1).optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(120_000),
  ...signingSettings,
  ...logSettings,
  ...scheduleSettings,
  /**
   * With DATABASE_URL, the score projection's background batches run on a thread of their own beside the
   * requests (decision 1861); `false` keeps them on the request thread. PGlite always keeps them there.
   */
  PROJECTION_THREAD: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Event-loop lag (ms) past which new requests are shed with 503 + Retry-After; 0 turns shedding off. */
  OVERLOAD_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(1000),
});

export type Config = Readonly<z.infer<typeof envSchema>>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads the environment once, validates every variable and returns a frozen
 * object (habit 12). Empty strings count as unset. A bad value throws a
 * ConfigError naming each offending variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.keys(envSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid environment:\n  ${lines.join('\n  ')}`);
  }
  return Object.freeze(parsed.data);
}
