import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { openScanQueue } from './scan-queue.ts';
import type { PeriodJobs, Scheduler } from './scheduler.ts';

export const QUEUE = 'hall-periods';
const SCAN_SCHEDULER_ID = 'scan-due-halls';
const READINESS_TIMEOUT_MS = 2000;

interface AdvanceHallData {
  hallId: string;
  /** ISO instant the fan-out ran at: the job judges due stages as of then. */
  at: string;
}

/**
 * With Redis: one job scheduler (stable id) scans the halls every interval and
 * fans out one idempotent `advance-hall` job per hall, deduplicated by a job id
 * per hall and interval — not one scheduler per hall, which is fragile at
 * thousands of halls.
 */
export async function startBullmqScheduler(opts: {
  redisUrl: string;
  jobs: PeriodJobs;
  everyMs: number;
  log: Logger;
  queueName?: string;
  clock?: () => Date;
}): Promise<Scheduler> {
  const name = opts.queueName ?? QUEUE;
  const clock = opts.clock ?? (() => new Date());
  const onRedisError = (err: Error) => opts.log.warn({ err }, 'redis unavailable: period schedule paused until it returns');
  const { connection, workerConnection, queue, close: closeQueue } = await openScanQueue({ redisUrl: opts.redisUrl, name, schedulerId: SCAN_SCHEDULER_ID, everyMs: opts.everyMs, onError: onRedisError });

  const worker = new Worker(
    name,
    async (job: Job) => {
      if (job.name === 'scan') {
        const at = clock();
        const bucket = Math.floor(at.getTime() / opts.everyMs);
        const halls = await opts.jobs.hallsDue();
        await queue.addBulk(
          halls.map((hallId) => ({
            name: 'advance-hall',
            data: { hallId, at: at.toISOString() } satisfies AdvanceHallData,
            opts: { jobId: `advance-hall:${hallId}:${bucket}`, attempts: 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 1000, removeOnFail: 5000 },
          })),
        );
        return { halls: halls.length };
      }
      if (job.name === 'advance-hall') {
        const data = job.data as Partial<AdvanceHallData>;
        if (typeof data.hallId !== 'string' || typeof data.at !== 'string' || Number.isNaN(Date.parse(data.at))) {
          throw new UnrecoverableError(`bad advance-hall job data: ${JSON.stringify(job.data)}`);
        }
        // Judge due stages by the later of the fan-out time and now, so a retried job still catches up.
        const now = new Date(Math.max(Date.parse(data.at), clock().getTime()));
        const result = await opts.jobs.advanceHall(data.hallId, now);
        if (result.moved.length > 0) opts.log.info({ hallId: data.hallId, moved: result.moved }, 'periods advanced on schedule');
        return result;
      }
      throw new UnrecoverableError(`unknown job ${job.name}`);
    },
    { connection: workerConnection, concurrency: 4 },
  );
  worker.on('error', onRedisError);
  worker.on('failed', (job, err) => opts.log.error({ err, job: job?.name, data: job?.data }, 'period job failed'));

  return {
    readiness: async () => {
      // Commands wait for a reconnect (maxRetriesPerRequest: null), so the probe has its own deadline.
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), READINESS_TIMEOUT_MS);
      });
      try {
        const answer = await Promise.race([connection.ping(), deadline]);
        return answer === 'PONG' ? { ok: true, detail: { scheduler: 'bullmq' } } : { ok: false };
      } catch {
        return { ok: false };
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await worker.close();
      await closeQueue();
    },
  };
}
