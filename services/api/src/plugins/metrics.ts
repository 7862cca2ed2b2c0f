import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DomainError } from '@hall/contracts';
import { projectionLag, type HallStates } from '@hall/assessment';
import { metricsAccess } from './metrics-access.ts';

/**
 * Prometheus metrics at `GET /metrics` (operator token or METRICS_TOKEN): events appended,
 * projection lag per hall (read at scrape time), request latency by route.
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance, opts: { assessment: HallStates; adminTokenHash: string; metricsToken?: string | undefined }) => {
    const mayRead = metricsAccess(opts.adminTokenHash, opts.metricsToken);
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const appended = new Counter({ name: 'hall_events_appended_total', help: 'Events appended', labelNames: ['hall'], registers: [registry] });
    new Gauge({
      name: 'hall_projection_lag_events',
      help: 'Head position minus the score projection checkpoint',
      labelNames: ['hall'],
      registers: [registry],
      async collect() {
        const lag = await projectionLag(opts.assessment.db);
        this.reset();
        for (const [hall, value] of Object.entries(lag)) this.set({ hall }, value);
      },
    });
    const latency = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Request latency by route',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    opts.assessment.onAppended = (hallId, count) => appended.inc({ hall: hallId }, count);

    app.addHook('onResponse', async (request, reply) => {
      latency.observe(
        { method: request.method, route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });

    app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
      mayRead(request.headers.authorization);
      reply.type(registry.contentType);
      return registry.metrics();
    });
  },
  { name: 'metrics' },
);
