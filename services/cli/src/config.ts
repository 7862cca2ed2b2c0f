import { z } from 'zod';
import { signingSettings, storeSettings } from '@hall/contracts';

const envSchema = z.object({ ...storeSettings, ...signingSettings });

/** What the CLI reads, the same variables as the service: where the store is and the audit key. */
export type CliConfig = Readonly<z.infer<typeof envSchema>>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads the environment once (habit 12); empty strings count as unset; a bad value names its variable. */
export function loadCliConfig(env: NodeJS.ProcessEnv = process.env): CliConfig {
  const cleaned = Object.fromEntries(Object.keys(envSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid environment:\n  ${lines.join('\n  ')}`);
  }
  return Object.freeze(parsed.data);
}
