import type { Logger } from 'pino';
import type { PeriodJobs, Scheduler } from './scheduler.ts';

/**
 * Without Redis: the same job functions as the BullMQ worker, on a timer in
 * this process. A tick never overlaps the previous one.
 */
export function startInProcessScheduler(opts: { jobs: PeriodJobs; everyMs: number; log: Logger; clock?: () => Date }): Scheduler {
  const clock = opts.clock ?? (() => new Date());
  let running: Promise<void> | null = null;
  let closed = false;
  const tick = async () => {
    for (const hallId of await opts.jobs.hallsDue()) {
      if (closed) return;
      try {
        const { moved } = await opts.jobs.advanceHall(hallId, clock());
        if (moved.length > 0) opts.log.info({ hallId, moved }, 'periods advanced on schedule');
      } catch (err) {
        opts.log.error({ err, hallId }, 'scheduled period advance failed');
      }
    }
  };
  const timer = setInterval(() => {
    if (running || closed) return;
    running = tick().finally(() => {
      running = null;
    });
  }, opts.everyMs);
  timer.unref();
  return {
    readiness: async () => ({ ok: true, detail: { scheduler: 'in-process' } }),
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}
