import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { connect, getSetting, migrateToLatest, setSetting, type Store } from '@hall/event-store';
import { loadConfig, ConfigError, type Config } from './config.ts';
import { buildApp } from './app.ts';
import { sha256Hex } from './plugins/auth.ts';
import { periodJobs, startScheduler, type Scheduler } from '@hall/scheduler';
import { HallStates, loadSigner, SigningKeyError, type AuditSigner } from '@hall/assessment';
import { registerPublicKey } from '@hall/assessment';
import { redactingLoggerOptions } from './logging/redaction.ts';

const ADMIN_TOKEN_KEY = 'admin_token_sha256';
/** `pnpm start:api`: the HTTP door alone; the period schedule runs in `pnpm start:worker`. */
const API_ONLY = process.argv.includes('--api-only');

/**
 * The operator's token: ADMIN_TOKEN when set; otherwise generated at first
 * start, printed once, and only its hash kept.
 */
async function adminTokenHash(store: Store, config: Config, log: pino.Logger): Promise<string> {
  if (config.ADMIN_TOKEN) {
    if (config.ADMIN_TOKEN.length < 16) log.warn('ADMIN_TOKEN is shorter than 16 characters: fine for a trial, too easy to guess for production');
    return sha256Hex(config.ADMIN_TOKEN);
  }
  const stored = await getSetting(store.db, ADMIN_TOKEN_KEY);
  if (stored) {
    log.info('ADMIN_TOKEN is unset: using the token generated at first start (only its hash is kept)');
    return stored;
  }
  const token = `adm_${randomBytes(24).toString('base64url')}`;
  const hash = sha256Hex(token);
  await setSetting(store.db, ADMIN_TOKEN_KEY, hash);
  process.stdout.write(`\n  Generated the operator token (shown once, store it now):\n\n    ADMIN_TOKEN=${token}\n\n`);
  return hash;
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  let signer: AuditSigner;
  let signerSource: string;
  try {
    ({ signer, source: signerSource } = loadSigner({ signingKey: config.SIGNING_KEY, dataDir: config.DATA_DIR, create: true }));
  } catch (error) {
    if (error instanceof SigningKeyError) {
      process.stderr.write(`Invalid environment:\n  ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const log = pino({
    ...redactingLoggerOptions(config.LOG_LEVEL),
    ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty' } } : {}),
  });
  const store = await connect({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    onStaleLock: (message) => log.warn(message),
    // A dropped connection is logged, never fatal: the pool reconnects on the next query.
    onPoolError: (err) => log.warn({ err }, 'database connection lost'),
  });
  await migrateToLatest(store.db);
  log.info({ database: store.kind }, store.kind === 'pglite' ? `embedded PGlite in ${config.DATA_DIR}` : 'PostgreSQL');
  const clock = () => new Date();
  const assessment = new HallStates(store.db, clock, log);
  // Projects halls whoever appended to them; ownership per hall is on the database (docs/decisions/1421).
  assessment.start();
  // The key itself is never logged; its id lets an auditor match the public key.
  log.info({ keyId: signer.keyId, source: signerSource }, signerSource === 'env' ? 'audit signing key from SIGNING_KEY' : `audit signing key kept in ${config.DATA_DIR} (set SIGNING_KEY in production)`);
  // Listed from the start, not only from its first checkpoint: an auditor can pin it at once.
  await registerPublicKey(store.db, signer, clock());
  // `pnpm start` runs the worker's schedule in this process with the same functions as `pnpm start:worker`.
  const scheduler: Scheduler | undefined = API_ONLY
    ? undefined
    : await startScheduler({
        redisUrl: config.REDIS_URL,
        queueName: config.SCHEDULER_QUEUE,
        everyMs: config.SCHEDULER_INTERVAL_SECONDS * 1000,
        jobs: periodJobs(assessment, signer),
        log,
      });
  const app = await buildApp({
    config,
    store,
    assessment,
    signer,
    clock,
    adminTokenHash: await adminTokenHash(store, config, log),
    logger: log,
    readiness: scheduler?.readiness,
  });
  await app.listen({ port: config.PORT, host: config.HOST });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: draining requests');
    try {
      await app.close();
      assessment.stop();
      await scheduler?.close();
      await store.close();
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'unclean stop');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
