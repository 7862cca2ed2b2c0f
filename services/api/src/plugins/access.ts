import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, type Role } from '@hall/contracts';
import { authorize, type Principal } from '../http/principal.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The roles that may call this hall route; the operator always may. Unset: the route checks on its own. */
    access?: readonly Role[];
  }
}

/**
 * The one access check of the hall routes: a route declares `config.access`
 * and this pre-handler enforces token → hall → role before the handler runs
 * (after the schema, as the handlers' own checks did), so a handler never
 * repeats it. The token itself was resolved by the auth plugin.
 */
export const accessPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('preHandler', async (request) => {
      const roles = request.routeOptions.config.access;
      if (roles === undefined) return;
      const hallId = (request.params as { hallId?: string } | undefined)?.hallId;
      if (hallId === undefined) throw new Error(`Route ${request.routeOptions.url} declares access but has no :hallId`);
      authorize(request.principal, hallId, roles);
    });
  },
  { name: 'access', dependencies: ['auth'] },
);

/** The caller of a route that declared its access (the pre-handler has checked it). */
export function callerOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new DomainError('UNAUTHENTICATED', 'A bearer token is required');
  return request.principal;
}
