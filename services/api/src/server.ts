import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { connect, getSetting, migrateToLatest, setSettingOnce, type Store } from '@hall/event-store';
import { loadConfig, ConfigError, type Config } from './config.ts';
import { buildApp } from './app.ts';
import { sha256Hex } from './plugins/auth.ts';
import { periodJobs, startScheduler, withBadRatingLoop, type Scheduler } from '@hall/scheduler';
import { HallStates, ProjectorThread, loadServiceSigner, SigningKeyError, type AuditSigner } from '@hall/assessment';
import { startRefusal } from '@hall/messages';
import { registerPublicKey } from '@hall/assessment';
import { redactingLoggerOptions } from './logging/redaction.ts';
import { startWebhookSchedule } from '@hall/scheduler';

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
  // Several processes starting together on one database: the first one's token is kept, and only it is printed.
  const kept = await setSettingOnce(store.db, ADMIN_TOKEN_KEY, hash);
  if (kept !== hash) {
    log.info('ADMIN_TOKEN is unset: using the token another process generated and printed at its first start');
    return kept;
  }
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
    // With DATABASE_URL every process must be given the same key (decision 1401).
    ({ signer, source: signerSource } = loadServiceSigner({ signingKey: config.SIGNING_KEY, dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL }));
  } catch (error) {
    if (error instanceof SigningKeyError) {
      process.stderr.write(startRefusal([error.message]));
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
  // With PostgreSQL the background batches run on a thread of their own (docs/decisions/1861).
  const projector =
    store.kind === 'postgres' && config.DATABASE_URL && config.PROJECTION_THREAD
      ? new ProjectorThread({ entry: projectorEntry(), databaseUrl: config.DATABASE_URL, logLevel: config.LOG_LEVEL, log, signingKey: config.SIGNING_KEY })
      : undefined;
  if (projector) assessment.startWith(projector);
  else assessment.start();
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
        jobs: withBadRatingLoop(periodJobs(assessment, signer), assessment, log),
        log,
      });
  // Webhook deliveries of bad-rating cases run beside the period schedule, on the same BullMQ / in-process split.
  const webhooks: Scheduler | undefined = API_ONLY
    ? undefined
    : await startWebhookSchedule({
        halls: assessment,
        redisUrl: config.REDIS_URL,
        queueName: config.WEBHOOK_QUEUE,
        intervalSeconds: config.WEBHOOK_INTERVAL_SECONDS,
        maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
        backoffSeconds: config.WEBHOOK_BACKOFF_SECONDS,
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
    readiness: scheduler && webhooks ? bothReady(scheduler, webhooks) : undefined,
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
      await projector?.close();
      await scheduler?.close();
      await webhooks?.close();
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

/**
 * The projector thread's module beside this one: `projector-thread.ts` when
 * run from the sources, `projector.mjs` in the bundle (scripts/build.mjs), whose
 * code may sit in `dist/chunks/`.
 */
function projectorEntry(): URL {
  const here = new URL(import.meta.url);
  if (here.pathname.endsWith('.ts')) return new URL('./projector-thread.ts', here);
  return new URL(here.pathname.includes('/chunks/') ? '../projector.mjs' : './projector.mjs', here);
}

/** Ready when both schedules' backends answer (the same Redis, when there is one). */
function bothReady(a: Scheduler, b: Scheduler): Scheduler['readiness'] {
  return async () => {
    const [x, y] = await Promise.all([a.readiness(), b.readiness()]);
    return { ok: x.ok && y.ok, detail: { ...x.detail, ...y.detail } };
  };
}

main().catch((err) => {
  process.stderr.write(`failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
