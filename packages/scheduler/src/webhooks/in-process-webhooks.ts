import type { Logger } from 'pino';
import type { Scheduler } from '../scheduler.ts';
import type { WebhookJobs } from './webhook-jobs.ts';

/**
 * Without Redis: the same jobs on a timer in this process. Each tick
 * dispatches the halls' new history, then sends every delivery whose backoff
 * has run out; a failed attempt is retried by a later tick (the row holds
 * when). Ticks never overlap; leases keep two processes from sending one
 * attempt twice.
 */
export function startInProcessWebhooks(opts: { jobs: WebhookJobs; everyMs: number; log: Logger; clock?: () => Date }): Scheduler {
  const clock = opts.clock ?? (() => new Date());
  let running: Promise<void> | null = null;
  let closed = false;
  const tick = async () => {
    for (const hallId of await opts.jobs.halls()) {
      if (closed) return;
      try {
        await opts.jobs.dispatch(hallId);
      } catch (err) {
        opts.log.error({ err, hallId }, 'webhook dispatch failed');
      }
    }
    for (const ref of await opts.jobs.due(clock())) {
      if (closed) return;
      try {
        const outcome = await opts.jobs.attempt(ref, clock);
        if (outcome === 'failed') opts.log.warn({ hallId: ref.hallId, deliveryId: ref.deliveryId }, 'webhook delivery failed: attempts used up');
      } catch (err) {
        opts.log.error({ err, hallId: ref.hallId, deliveryId: ref.deliveryId }, 'webhook delivery attempt broke');
      }
    }
  };
  const timer = setInterval(() => {
    if (running || closed) return;
    running = tick()
      .catch((err: unknown) => opts.log.error({ err }, 'webhook tick failed'))
      .finally(() => {
        running = null;
      });
  }, opts.everyMs);
  timer.unref();
  return {
    readiness: async () => ({ ok: true, detail: { webhooks: 'in-process' } }),
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}
