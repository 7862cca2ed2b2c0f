import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '@hall/contracts';
import { findUnstorableText } from '../http/unstorable-text.ts';

/**
 * Refuses, before any route runs, path parameters, query strings and bodies
 * holding text PostgreSQL cannot store as it is (NUL, lone surrogates): a 422
 * naming the field, instead of a 500 from the database or a silently altered
 * string. Runs before validation, so the answer does not depend on which
 * other rules the request breaks.
 */
export const unstorableTextPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('preValidation', async (request) => {
      const parts = [
        ['params', request.params],
        ['querystring', request.query],
        ['body', request.body],
      ] as const;
      for (const [part, value] of parts) {
        const found = findUnstorableText(value);
        if (found) throw new DomainError('VALIDATION_FAILED', `The request ${part} holds text that cannot be stored`, [found]);
      }
    });
  },
  { name: 'unstorable-text' },
);
