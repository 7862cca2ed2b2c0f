import { z } from 'zod';
import { logSettings, redisSettings, signingSettings, storeSettings } from '@hall/contracts';
import { scheduleSettings } from '@hall/scheduler';

const envSchema = z.object({
  ...storeSettings,
  ...redisSettings,
  ...signingSettings,
  ...logSettings,
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
