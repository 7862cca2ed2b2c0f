/**
 * What a service process (API, worker) says when it refuses to start
 * (services/api/src/server.ts, services/worker/src/main.ts). `start.text.*`
 * are keyed by the English text raised, as `cli.text.*` are.
 */
export const startZh = {
  'start.invalidEnvironment': '环境变量有误：',
  'start.text.signingKeyRequired':
    'SIGNING_KEY：设置了 DATABASE_URL 时必须提供（同一数据库上的所有 API 与 worker 进程必须用同一把密钥签名）；用 `pnpm --silent cli keygen`（或 `openssl genpkey -algorithm ed25519`）生成一把，并给每个进程设置相同的值',
} as const;
