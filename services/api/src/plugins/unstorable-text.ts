import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '@hall/contracts';
import { findUnstorableText } from '../http/unstorable-text.ts';

/** The refusal for the first unstorable text in one part of the request, if any. */
function unstorableIn(part: 'params' | 'querystring' | 'body', value: unknown): DomainError | undefined {
  const found = findUnstorableText(value);
  return found ? new DomainError('VALIDATION_FAILED', `The request ${part} holds text that cannot be stored`, [found]) : undefined;
}

/**
 * Refuses, before any route runs, path parameters, query strings and bodies
 * holding text PostgreSQL cannot store as it is (NUL, lone surrogates): a 422
 * naming the field, instead of a 500 from the database or a silently altered
 * string. Runs before validation, so the answer does not depend on which
 * other rules the request breaks.
 *
 * A JSON body can only carry such text as a `\u` escape: raw control
 * characters are not JSON, and the body is decoded from UTF-8, which has no
 * lone surrogates (a broken sequence becomes U+FFFD). So a body whose text
 * holds no `\u` at all is not walked (decision 1892: the walk was 2.4 % of a
 * 500-event batch's request time). Fastify's own JSON parser does the
 * parsing, with its defaults.
 */
export const unstorableTextPlugin = fp(
  async (app: FastifyInstance) => {
    const withoutEscapes = new WeakSet<FastifyRequest>();
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      // `parseAs: 'string'` gives a string; the type admits a Buffer for the other setting.
      const text = body as string;
      if (!text.includes('\\u')) withoutEscapes.add(request);
      parseJson(request, text, done);
    });
    // A callback hook: nothing here waits, so no promise per request (decision 1911).
    app.addHook('preValidation', (request, _reply, done) => {
      const found =
        unstorableIn('params', request.params) ??
        unstorableIn('querystring', request.query) ??
        (withoutEscapes.has(request) ? undefined : unstorableIn('body', request.body));
      done(found);
    });
  },
  { name: 'unstorable-text' },
);
