import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { localizeProblem, negotiateLocale } from '@hall/messages';

/**
 * Problem bodies in the caller's language (zh-CN unless `Accept-Language`
 * prefers en): title, detail and field messages from the message catalogue;
 * code, type, status and paths unchanged. One hook after serialisation, so
 * every problem body is covered, whichever handler wrote it (the error and
 * not-found handlers, the router's framework errors).
 */
export const problemLanguagePlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onSend', async (request, reply, payload) => {
      const type = reply.getHeader('content-type');
      if (typeof type !== 'string' || !type.startsWith('application/problem+json') || typeof payload !== 'string') return payload;
      reply.header('vary', 'accept-language');
      try {
        return JSON.stringify(localizeProblem(JSON.parse(payload), negotiateLocale(request.headers['accept-language'])));
      } catch {
        return payload;
      }
    });
  },
  { name: 'problem-language' },
);
