import http from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50ms: number;
  p99ms: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * A closed-loop HTTP load: `concurrency` clients each send one request, wait
 * for its answer, send the next, for `seconds`. Bodies come from `body(i)` so
 * every request can carry a fresh event id. Keep-alive sockets, like a real
 * queue system's client.
 */
export async function closedLoop(opts: {
  port: number;
  path: string;
  headers: Record<string, string>;
  body: (i: number) => string;
  /** GET sends no body (`body` is then ignored). */
  method?: 'GET' | 'POST';
  /** A path per request (defaults to `path`). */
  pathOf?: () => string;
  concurrency: number;
  seconds: number;
  expectStatus?: number;
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let counter = 0;
  const deadline = performance.now() + opts.seconds * 1000;
  const send = (payload: string, path: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: opts.port,
          path,
          method: opts.method ?? 'POST',
          agent,
          headers: opts.method === 'GET' ? opts.headers : { ...opts.headers, 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(opts.method === 'GET' ? undefined : payload);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (performance.now() < deadline) {
        const payload = opts.body(counter++);
        const t0 = performance.now();
        try {
          const status = await send(payload, opts.pathOf ? opts.pathOf() : opts.path);
          if (status !== (opts.expectStatus ?? 200)) errors += 1;
        } catch {
          errors += 1;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    p50ms: percentile(latencies, 50),
    p99ms: percentile(latencies, 99),
  };
}
