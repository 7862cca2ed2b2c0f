import { Queue } from 'bullmq';
import { Redis as IORedis } from 'ioredis';

/**
 * The Redis side every BullMQ schedule here shares: one connection for the
 * queue, a duplicate for its worker (BullMQ blocks on it), and a repeatable
 * `scan` job every `everyMs`. Every connection and the queue handle `error`
 * with `onError`: Redis going away is logged and retried (ioredis
 * reconnects), never an unhandled event that ends the process (decision 1102).
 */
export async function openScanQueue(opts: { redisUrl: string; name: string; schedulerId: string; everyMs: number; onError: (err: Error) => void }) {
  const connection = new IORedis(opts.redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', opts.onError);
  const workerConnection = connection.duplicate();
  workerConnection.on('error', opts.onError);
  const queue = new Queue(opts.name, { connection });
  queue.on('error', opts.onError);
  await queue.upsertJobScheduler(opts.schedulerId, { every: opts.everyMs }, { name: 'scan', data: {} });
  return {
    connection,
    workerConnection,
    queue,
    async close(): Promise<void> {
      await queue.close();
      workerConnection.disconnect();
      connection.disconnect();
    },
  };
}
