import type { Logger } from 'pino';
import type { HallStates } from '@hall/assessment';
import type { Scheduler } from '../scheduler.ts';
import { httpSender } from './http-sender.ts';
import { startWebhooks } from './start-webhooks.ts';
import { webhookJobs } from './webhook-jobs.ts';

/** A receiver gets this long to answer one attempt; the lease on the row outlasts it. */
const SEND_TIMEOUT_MS = 10_000;

/** The webhook schedule of a service process (the worker, or the all-in-one start), from its configuration. */
export function startWebhookSchedule(opts: {
  halls: HallStates;
  redisUrl?: string;
  queueName: string;
  intervalSeconds: number;
  maxAttempts: number;
  backoffSeconds: number;
  log: Logger;
}): Promise<Scheduler> {
  const jobs = webhookJobs(opts.halls, httpSender(SEND_TIMEOUT_MS), { maxAttempts: opts.maxAttempts, backoffMs: opts.backoffSeconds * 1000 });
  return startWebhooks({ redisUrl: opts.redisUrl, queueName: opts.queueName, everyMs: opts.intervalSeconds * 1000, jobs, log: opts.log });
}
