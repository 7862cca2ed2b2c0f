import type { Logger } from 'pino';
import { startInProcessScheduler } from './in-process-scheduler.ts';
import { startBullmqScheduler } from './bullmq-scheduler.ts';
import type { PeriodJobs, Scheduler } from './scheduler.ts';

/**
 * BullMQ when a Redis URL is given, otherwise the same job functions on an
 * in-process timer (README "Run it").
 */
export async function startScheduler(opts: { redisUrl?: string; queueName?: string; everyMs: number; jobs: PeriodJobs; log: Logger }): Promise<Scheduler> {
  if (opts.redisUrl) return startBullmqScheduler({ redisUrl: opts.redisUrl, queueName: opts.queueName, jobs: opts.jobs, everyMs: opts.everyMs, log: opts.log });
  return startInProcessScheduler({ jobs: opts.jobs, everyMs: opts.everyMs, log: opts.log });
}
