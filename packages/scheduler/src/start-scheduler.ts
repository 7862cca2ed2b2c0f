import type { Logger } from 'pino';
import { listHalls } from '@hall/event-store';
import type { Config } from '../config.ts';
import type { Assessment } from '../assessment/assessment.ts';
import { advanceDuePeriods } from '../assessment/advance-due.ts';
import { startInProcessScheduler } from '../../../worker/src/in-process-scheduler.ts';
import { startBullmqScheduler } from '../../../worker/src/bullmq-scheduler.ts';

export interface Scheduler {
  close(): Promise<void>;
  readiness: () => Promise<{ ok: boolean; detail?: Record<string, unknown> }>;
}

/** What the schedule runs: the halls to look at, and the per-hall job. */
export interface PeriodJobs {
  hallsDue(): Promise<string[]>;
  advanceHall(hallId: string, now: Date): Promise<{ moved: Array<{ period: string; to: string }> }>;
}

export function periodJobs(assessment: Assessment): PeriodJobs {
  return {
    hallsDue: async () => (await listHalls(assessment.db)).filter((h) => h.autoAdvance).map((h) => h.hallId),
    advanceHall: (hallId, now) => advanceDuePeriods(assessment, hallId, now),
  };
}

/**
 * BullMQ when REDIS_URL is set, otherwise the same job functions on an
 * in-process timer (README "Running").
 */
export async function startScheduler(opts: { config: Config; assessment: Assessment; log: Logger }): Promise<Scheduler> {
  const jobs = periodJobs(opts.assessment);
  const everyMs = opts.config.SCHEDULER_INTERVAL_SECONDS * 1000;
  if (opts.config.REDIS_URL) return startBullmqScheduler({ redisUrl: opts.config.REDIS_URL, jobs, everyMs, log: opts.log });
  return startInProcessScheduler({ jobs, everyMs, log: opts.log });
}
