import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { openScanQueue } from '../scan-queue.ts';
import type { DeliveryRef } from '@hall/assessment';
import type { Scheduler } from '../scheduler.ts';
import type { WebhookJobs } from './webhook-jobs.ts';

export const WEBHOOK_QUEUE = 'hall-webhooks';
const SCAN_SCHEDULER_ID = 'scan-webhooks';

/** One job per delivery and round: the delivery id itself for the first round, so a delivery is never queued twice. */
export function deliveryJobId(ref: DeliveryRef): string {
  return ref.round === 0 ? ref.deliveryId : `${ref.deliveryId}-r${ref.round}`;
}

/**
 * With Redis: a job scheduler scans the halls with webhooks every interval,
 * dispatches their new history into delivery rows and queues each pending
 * delivery as a `deliver` job (job id per delivery and round: adding it again
 * is a no-op), which BullMQ retries with exponential backoff. A delivery the
 * queue gives up on is marked `failed` in the log, never dropped.
 */
export async function startBullmqWebhooks(opts: {
  redisUrl: string;
  jobs: WebhookJobs;
  everyMs: number;
  log: Logger;
  queueName?: string;
  clock?: () => Date;
}): Promise<Scheduler> {
  const name = opts.queueName ?? WEBHOOK_QUEUE;
  const clock = opts.clock ?? (() => new Date());
  const { policy } = opts.jobs;
  const onRedisError = (err: Error) => opts.log.warn({ err }, 'redis unavailable: webhook deliveries paused until it returns (nothing is lost: they stay pending)');
  const { connection, workerConnection, queue, close: closeQueue } = await openScanQueue({ redisUrl: opts.redisUrl, name, schedulerId: SCAN_SCHEDULER_ID, everyMs: opts.everyMs, onError: onRedisError });

  const worker = new Worker(
    name,
    async (job: Job) => {
      if (job.name === 'scan') {
        let queued = 0;
        for (const hallId of await opts.jobs.halls()) {
          await opts.jobs.dispatch(hallId);
          const pending = await opts.jobs.pending(hallId);
          await queue.addBulk(
            pending.map((ref) => ({
              name: 'deliver',
              data: ref,
              opts: {
                jobId: deliveryJobId(ref),
                attempts: policy.maxAttempts,
                backoff: { type: 'exponential', delay: policy.backoffMs },
                removeOnComplete: 1000,
                removeOnFail: 5000,
              },
            })),
          );
          queued += pending.length;
        }
        return { queued };
      }
      if (job.name === 'deliver') {
        const ref = job.data as Partial<DeliveryRef>;
        if (typeof ref.hallId !== 'string' || typeof ref.deliveryId !== 'string' || typeof ref.round !== 'number') {
          throw new UnrecoverableError(`bad deliver job data: ${JSON.stringify(job.data)}`);
        }
        const outcome = await opts.jobs.attempt(ref as DeliveryRef, clock);
        // A failed attempt with budget left throws, so BullMQ waits out the backoff and tries again.
        if (outcome === 'retry') throw new Error(`delivery ${ref.deliveryId} attempt failed`);
        if (outcome === 'busy') throw new Error(`delivery ${ref.deliveryId} is being sent by another worker`);
        return { outcome };
      }
      throw new UnrecoverableError(`unknown job ${job.name}`);
    },
    { connection: workerConnection, concurrency: 8 },
  );
  worker.on('error', onRedisError);
  worker.on('failed', (job, err) => {
    if (!job || job.name !== 'deliver') {
      opts.log.error({ err, job: job?.name }, 'webhook job failed');
      return;
    }
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
    if (!final) return;
    opts.jobs.giveUp(job.data as DeliveryRef, err.message).catch((e: unknown) => opts.log.error({ err: e }, 'could not mark a webhook delivery failed'));
  });

  return {
    readiness: async () => ({ ok: connection.status === 'ready', detail: { webhooks: 'bullmq' } }),
    async close() {
      await worker.close();
      await closeQueue();
    },
  };
}
