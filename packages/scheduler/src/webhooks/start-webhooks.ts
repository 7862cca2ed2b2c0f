import type { Logger } from 'pino';
import type { Scheduler } from '../scheduler.ts';
import { startBullmqWebhooks } from './bullmq-webhooks.ts';
import { startInProcessWebhooks } from './in-process-webhooks.ts';
import type { WebhookJobs } from './webhook-jobs.ts';

/** BullMQ when a Redis URL is given, otherwise the in-process timer: the same split as the period schedule. */
export async function startWebhooks(opts: { redisUrl?: string; queueName?: string; everyMs: number; jobs: WebhookJobs; log: Logger; clock?: () => Date }): Promise<Scheduler> {
  if (opts.redisUrl) return startBullmqWebhooks({ redisUrl: opts.redisUrl, queueName: opts.queueName, jobs: opts.jobs, everyMs: opts.everyMs, log: opts.log, clock: opts.clock });
  return startInProcessWebhooks({ jobs: opts.jobs, everyMs: opts.everyMs, log: opts.log, clock: opts.clock });
}
