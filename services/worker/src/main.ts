import pino from 'pino';
import { connect, migrateToLatest } from '@hall/event-store';
import { HallStates, loadSigner, SigningKeyError, type AuditSigner } from '@hall/assessment';
import { periodJobs, startScheduler } from '@hall/scheduler';
import { loadWorkerConfig, WorkerConfigError, type WorkerConfig } from './config.ts';

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
    ({ signer } = loadSigner({ signingKey: config.SIGNING_KEY, dataDir: config.DATA_DIR, create: true }));
  } catch (error) {
    if (error instanceof WorkerConfigError || error instanceof SigningKeyError) {
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
    jobs: periodJobs(halls, signer),
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
