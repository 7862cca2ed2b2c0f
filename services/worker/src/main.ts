import pino from 'pino';
import { connect, migrateToLatest } from '@hall/event-store';
import { HallStates, loadServiceSigner, SigningKeyError, type AuditSigner } from '@hall/assessment';
import { startRefusal } from '@hall/messages';
import { periodJobs, startScheduler, withBadRatingLoop } from '@hall/scheduler';
import { loadWorkerConfig, WorkerConfigError, type WorkerConfig } from './config.ts';
import { startWebhookSchedule } from '@hall/scheduler';

/**
 * `pnpm start:worker`: the period schedule as a process of its own, beside
 * one or more `pnpm start:api`. With REDIS_URL it is a BullMQ worker (any
 * number of them share the queue); without, an in-process timer.
 */
async function main(): Promise<void> {
  let config: WorkerConfig;
  let signer: AuditSigner;
  try {
    config = loadWorkerConfig();
    // With DATABASE_URL every process must be given the same key (decision 1401).
    ({ signer } = loadServiceSigner({ signingKey: config.SIGNING_KEY, dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL }));
  } catch (error) {
    if (error instanceof SigningKeyError) {
      process.stderr.write(startRefusal([error.message]));
      process.exit(1);
    }
    if (error instanceof WorkerConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const log = pino({ level: config.LOG_LEVEL, ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty' } } : {}) });
  const store = await connect({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await migrateToLatest(store.db);
  const halls = new HallStates(store.db, () => new Date(), log);
  // Projects halls whoever appended to them; ownership per hall is on the database (docs/decisions/1421).
  halls.start();
  const scheduler = await startScheduler({
    redisUrl: config.REDIS_URL,
    queueName: config.SCHEDULER_QUEUE,
    everyMs: config.SCHEDULER_INTERVAL_SECONDS * 1000,
    jobs: withBadRatingLoop(periodJobs(halls, signer), halls, log),
    log,
  });
  const webhooks = await startWebhookSchedule({
    halls,
    redisUrl: config.REDIS_URL,
    queueName: config.WEBHOOK_QUEUE,
    intervalSeconds: config.WEBHOOK_INTERVAL_SECONDS,
    maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
    backoffSeconds: config.WEBHOOK_BACKOFF_SECONDS,
    log,
  });
  log.info({ database: store.kind, scheduler: config.REDIS_URL ? 'bullmq' : 'in-process', keyId: signer.keyId }, 'worker started');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'worker stopping: finishing the running jobs');
    try {
      halls.stop();
      await scheduler.close();
      await webhooks.close();
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
  process.stderr.write(`worker failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
