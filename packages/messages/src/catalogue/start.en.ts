import type { startZh } from './start.zh-CN.ts';

export const startEn: Record<keyof typeof startZh, string> = {
  'start.invalidEnvironment': 'Invalid environment:',
  'start.text.signingKeyRequired':
    'SIGNING_KEY: required when DATABASE_URL is set (every API and worker process on one database must sign with the same key); generate one with `pnpm --silent cli keygen` (or `openssl genpkey -algorithm ed25519`) and give every process the same value',
} as const;
