import http from 'node:http';
import type { LoadResult } from './load.ts';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * An open-loop POST load: one request every 1/`perSecond` s whether or not
 * earlier ones have answered, as a hall's queue system sends tickets. Its
 * latency includes any queueing in the service, which a closed loop hides.
 */
export async function steadyRate(opts: {
  port: number;
  path: string;
  headers: Record<string, string>;
  body: (i: number) => string;
  perSecond: number;
  seconds: number;
  expectStatus?: number;
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const latencies: number[] = [];
  let errors = 0;
  const inFlight: Array<Promise<void>> = [];
  const send = (payload: string) =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.request(
        { host: '127.0.0.1', port: opts.port, path: opts.path, method: 'POST', agent, headers: { ...opts.headers, 'content-length': Buffer.byteLength(payload) } },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode !== (opts.expectStatus ?? 200)) errors += 1;
            latencies.push(performance.now() - t0);
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors += 1;
        latencies.push(performance.now() - t0);
        resolve();
      });
      req.end(payload);
    });
  const started = performance.now();
  const total = Math.round(opts.perSecond * opts.seconds);
  for (let i = 0; i < total; i += 1) {
    // Sleep to the i-th tick of the schedule, not by a fixed gap, so slow answers do not slow the rate.
    const due = started + (i * 1000) / opts.perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(send(opts.body(i)));
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, seconds, perSecond: latencies.length / seconds, p50ms: percentile(latencies, 50), p99ms: percentile(latencies, 99) };
}
