import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type FieldError } from '@hall/contracts';
import { problem, pointer } from '../http/problem.ts';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../http/database-unavailable.ts';

function validationErrors(error: FastifyError & { validation?: unknown[]; validationContext?: string }): FieldError[] {
  const items = (error.validation ?? []) as Array<{ instancePath?: string; message?: string; keyword?: string; params?: { keys?: string[] } }>;
  const out: FieldError[] = [];
  for (const item of items) {
    const base = item.instancePath === '/' ? '' : (item.instancePath ?? '');
    if (item.keyword === 'unrecognized_keys' && item.params?.keys) {
      for (const key of item.params.keys) out.push({ path: `${base}${pointer([key])}`, message: 'unknown field' });
    } else {
      out.push({ path: base, message: item.message ?? 'invalid' });
    }
  }
  return out;
}

/**
 * The one translation from errors to RFC 9457 bodies (habit 6). Domain errors
 * carry their code; framework errors (parsing, body size, media type, rate
 * limit) are mapped by status; anything else is a 500 whose text is logged,
 * never sent.
 */
export const problemDetailsPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const send = (body: ReturnType<typeof problem>) =>
        reply.status(body.status).type('application/problem+json').send(body);

      if (error instanceof DomainError) {
        if (error.code === 'OTHER_HALL') {
          request.log.warn({ method: request.method, url: request.url, params: request.params }, 'token used on another hall');
        }
        return send(problem(error.code, error.message, error.errors));
      }
      if (hasZodFastifySchemaValidationErrors(error) || (error as { validation?: unknown }).validation) {
        const context = (error as { validationContext?: string }).validationContext ?? 'body';
        return send(problem('VALIDATION_FAILED', `The request ${context} breaks the contract`, validationErrors(error)));
      }
      const status = error.statusCode ?? 500;
      if (status === 400) {
        const malformed = error instanceof SyntaxError || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || /JSON/i.test(error.message);
        return send(problem(malformed ? 'MALFORMED_JSON' : 'BAD_REQUEST', error.message));
      }
      if (status === 413) return send(problem('BODY_TOO_LARGE', error.message));
      if (status === 415) return send(problem('UNSUPPORTED_MEDIA_TYPE', error.message));
      if (status === 429) return send(problem('RATE_LIMITED', error.message));
      if (status === 404) return send(problem('NOT_FOUND', error.message));
      if (status === 401) return send(problem('UNAUTHENTICATED', error.message));
      if (status === 403) return send(problem('FORBIDDEN', error.message));
      if (status >= 400 && status < 500) {
        const body = problem('BAD_REQUEST', error.message);
        return reply.status(status).type('application/problem+json').send({ ...body, status });
      }
      if (isDatabaseUnavailable(error)) {
        // An outage, not a bug: the client retries (with the same event ids, so nothing doubles).
        request.log.warn({ err: error, method: request.method, url: request.url }, 'database unavailable');
        void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
        return send(problem('NOT_READY', 'The database does not answer; retry later'));
      }
      request.log.error({ err: error, method: request.method, url: request.url, params: request.params }, 'request failed');
      if (status === 503) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return send(problem(status === 503 ? 'NOT_READY' : 'INTERNAL', status === 503 ? 'Service not ready' : 'An internal error occurred'));
    });

    app.setNotFoundHandler((request, reply) => {
      const body = problem('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`);
      return reply.status(404).type('application/problem+json').send(body);
    });
  },
  { name: 'problem-details' },
);
