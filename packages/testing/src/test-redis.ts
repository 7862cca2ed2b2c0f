/** Redis for tests: `REDIS_URL`, else the local server. Give each test its own queue name or key prefix. */
export function testRedisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}
