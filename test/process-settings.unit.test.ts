import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { logSettings, redisSettings, signingSettings, storeSettings } from '@hall/contracts';
import { loadConfig } from '../services/api/src/config.ts';
import { loadWorkerConfig } from '../services/worker/src/config.ts';
import { loadCliConfig } from '../services/cli/src/config.ts';

/**
 * The variables every process reads (where the store is, the signing key,
 * Redis, the log level) are defined once in packages/contracts and spread into
 * each service's config, so the API, the worker and the CLI cannot drift apart:
 * each loader accepts and refuses what the one definition does, with the same words.
 */
const loaders = {
  api: { load: loadConfig, settings: { ...storeSettings, ...redisSettings, ...signingSettings, ...logSettings }, keys: ['DATABASE_URL', 'DATA_DIR', 'REDIS_URL', 'SIGNING_KEY', 'LOG_LEVEL'] },
  worker: { load: loadWorkerConfig, settings: { ...storeSettings, ...redisSettings, ...signingSettings, ...logSettings }, keys: ['DATABASE_URL', 'DATA_DIR', 'REDIS_URL', 'SIGNING_KEY', 'LOG_LEVEL'] },
  cli: { load: loadCliConfig, settings: { ...storeSettings, ...signingSettings }, keys: ['DATABASE_URL', 'DATA_DIR', 'SIGNING_KEY'] },
} as const;

const samples: Record<string, Array<string | undefined>> = {
  DATABASE_URL: [undefined, 'postgres://u@h/db', 'postgresql://u@h/db', 'mysql://u@h/db', 'postgres'],
  DATA_DIR: [undefined, '/var/lib/hall'],
  REDIS_URL: [undefined, 'redis://127.0.0.1:6379', 'rediss://h:6380', 'http://h'],
  SIGNING_KEY: [undefined, 'a-key'],
  LOG_LEVEL: [undefined, 'debug', 'silent', 'loud'],
};

function outcome(load: (env: NodeJS.ProcessEnv) => Record<string, unknown>, env: NodeJS.ProcessEnv, key: string): unknown {
  try {
    return { value: load(env)[key] };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('the shared process settings, one definition for the API, the worker and the CLI', () => {
  for (const [door, { load, settings, keys }] of Object.entries(loaders)) {
    it(`${door}: every shared variable behaves as its one definition`, () => {
      expect(Object.keys(settings)).toEqual(keys);
      for (const [key, schema] of Object.entries(settings)) {
        for (const value of samples[key]!) {
          const parsed = z.object({ [key]: schema }).safeParse({ [key]: value });
          const expected = parsed.success ? { value: parsed.data[key] } : { error: `Invalid environment:\n  ${key}: ${parsed.error.issues[0]!.message}` };
          expect(outcome(load, { [key]: value }, key), `${key}=${value}`).toEqual(expected);
        }
      }
    });
  }

  it('keeps the words and defaults the services had', () => {
    expect(() => loadCliConfig({ DATABASE_URL: 'mysql://x' })).toThrow('Invalid environment:\n  DATABASE_URL: must be a postgres:// URL');
    expect(() => loadWorkerConfig({ REDIS_URL: 'http://x' })).toThrow('REDIS_URL: must be a redis:// URL');
    expect(() => loadConfig({ LOG_LEVEL: 'loud', DATABASE_URL: 'x' })).toThrow('Invalid environment:\n  DATABASE_URL: must be a postgres:// URL\n  LOG_LEVEL: ');
    for (const config of [loadConfig({ DATA_DIR: '' }), loadWorkerConfig({}), loadCliConfig({})]) expect(config.DATA_DIR).toBe('./.data');
    expect(loadConfig({}).LOG_LEVEL).toBe('info');
    expect(loadWorkerConfig({ LOG_LEVEL: '' }).LOG_LEVEL).toBe('info');
  });
});
