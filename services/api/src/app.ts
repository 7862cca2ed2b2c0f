import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from './app-deps.ts';
import { problemLanguagePlugin } from './plugins/problem-language.ts';
import { problemDetailsPlugin } from './plugins/problem-details.ts';
import { unstorableTextPlugin } from './plugins/unstorable-text.ts';
import { overloadPlugin } from './plugins/overload.ts';
import { problem } from './http/problem.ts';
import { LazyChildLogger } from './logging/lazy-child-logger.ts';
import { swaggerOptions } from './openapi/swagger-options.ts';
import { metricsPlugin } from './plugins/metrics.ts';
import { queueDashboard } from './plugins/queue-dashboard.ts';
import { accessPlugin } from './plugins/access.ts';
import { authPlugin } from './plugins/auth.ts';
import { rateLimit } from './plugins/rate-limit.ts';
import { healthRoutes } from './routes/health.ts';
import { hallRoutes } from './routes/halls.ts';
import { clientRoutes } from './routes/clients.ts';
import { eventRoutes } from './routes/events.ts';
import { auditRoutes } from './routes/audit.ts';
import { scoreRoutes } from './routes/scores.ts';
import { periodRoutes } from './routes/periods.ts';
import { ruleRoutes } from './routes/rules.ts';
import { appealRoutes } from './routes/appeals.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { boardRoutes } from './routes/board.ts';
import { organisationRoutes } from './routes/organisation.ts';
import { consolePageRoutes } from './routes/console-page.ts';
import { bulletinRoutes } from './routes/bulletin.ts';
import { auditCheckpointRoutes } from './routes/audit-checkpoints.ts';
import { personalDataRoutes } from './routes/personal-data.ts';
import { auditKeyRoutes } from './routes/audit-keys.ts';
import { badRatingCaseRoutes } from './routes/bad-rating-cases.ts';
import { openApiIn, openApiLocale } from './openapi/localized-document.ts';
import type { OpenApiDocument } from './openapi/openapi-types.ts';

export type { AppDeps } from './app-deps.ts';

export const BODY_LIMIT = 4 * 1024 * 1024;

/** Composition root of the HTTP edge: every dependency comes in explicitly (habit 4). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  return (await buildTypedApp(deps)) as unknown as FastifyInstance;
}

async function buildTypedApp(deps: AppDeps) {
  const app = Fastify({
    loggerInstance: typeof deps.logger === 'object' ? deps.logger : undefined,
    logger: typeof deps.logger === 'boolean' ? deps.logger : undefined,
    bodyLimit: BODY_LIMIT,
    // A request's child logger is built when it first writes a line (lazy-child-logger.ts, decision 1911).
    childLoggerFactory: (logger, bindings, options) => new LazyChildLogger(logger, bindings, options),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ajv: undefined,
    // Errors the router raises before any route runs (a URL that does not decode, a path segment past
    // maxParamLength) get problem bodies too (docs/integration.md: "from routing and body parsing too").
    frameworkErrors: (error, request, reply) => {
      const body = problem(error.statusCode === 414 ? 'URI_TOO_LONG' : 'BAD_REQUEST', error.message);
      request.log.info({ url: request.url, code: error.code }, 'request refused by the router');
      void (reply as FastifyReply).status(body.status).type('application/problem+json').send(body);
    },
  }).withTypeProvider<ZodTypeProvider>();

  // Bodies are JSON only: anything else is a 415, not a string for the validator.
  app.removeContentTypeParser(['text/plain']);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(problemDetailsPlugin);
  await app.register(unstorableTextPlugin);
  await app.register(overloadPlugin, { maxEventLoopDelayMs: deps.config.OVERLOAD_EVENT_LOOP_DELAY_MS });
  await app.register(problemLanguagePlugin);
  await app.register(fastifySwagger, swaggerOptions);
  // The docs page shows the document in the reader's language, as /openapi.json does (decision 1602), and says
  // so to caches (decision 1832). No clone per request: openApiIn copies, and keeps one copy per language.
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    transformSpecificationClone: false,
    transformSpecification: (spec, request, reply) => {
      reply.header('vary', 'Accept-Language');
      return openApiIn(spec as OpenApiDocument, openApiLocale(request));
    },
  });
  await app.register(authPlugin, { store: deps.store, adminTokenHash: deps.adminTokenHash });
  if (deps.config.RATE_LIMIT_PER_MINUTE > 0) await rateLimit(app as unknown as FastifyInstance, { perMinute: deps.config.RATE_LIMIT_PER_MINUTE, redisUrl: deps.config.REDIS_URL });

  // zh-CN unless the caller asks for English (?lang=en, or Accept-Language); `pnpm openapi:write` commits the English one.
  app.get('/openapi.json', { schema: { hide: true } }, async (request, reply) => {
    reply.header('vary', 'Accept-Language');
    return openApiIn(app.swagger() as OpenApiDocument, openApiLocale(request));
  });
  await app.register(metricsPlugin, { assessment: deps.assessment, adminTokenHash: deps.adminTokenHash, metricsToken: deps.config.METRICS_TOKEN });

  if (deps.config.REDIS_URL) await queueDashboard(app as unknown as FastifyInstance, { redisUrl: deps.config.REDIS_URL, adminTokenHash: deps.adminTokenHash, queueNames: [deps.config.SCHEDULER_QUEUE, deps.config.WEBHOOK_QUEUE] });

  // Last of the pre-handlers (after the rate limit), so a route's access check runs where its own call did.
  await app.register(accessPlugin);
  await app.register(healthRoutes, deps);
  await app.register(hallRoutes, deps);
  await app.register(clientRoutes, deps);
  await app.register(eventRoutes, deps);
  await app.register(auditRoutes, deps);
  await app.register(scoreRoutes, deps);
  await app.register(periodRoutes, deps);
  await app.register(ruleRoutes, deps);
  await app.register(appealRoutes, deps);
  await app.register(badRatingCaseRoutes, deps);
  await app.register(auditCheckpointRoutes, deps);
  await app.register(auditKeyRoutes, deps);
  await app.register(personalDataRoutes, deps);
  await app.register(webhookRoutes, deps);
  await app.register(boardRoutes, deps);
  await app.register(organisationRoutes, deps);
  await app.register(consolePageRoutes);
  await app.register(bulletinRoutes, deps);
  return app;
}
