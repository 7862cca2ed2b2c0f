import { createHash, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { authenticateClient, type Store } from '@hall/event-store';
import { DomainError, type Role, type SectionName } from '@hall/contracts';
import type { Principal } from '../http/principal.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

// /metrics and the queue dashboard check their own tokens (METRICS_TOKEN; the browser's Basic prompt); the board
// and console pages take theirs in the page.
const PUBLIC = /^(?:\/health\/|\/docs|\/openapi\.json$|\/metrics$|\/admin\/queues(?:\/|$)|\/board|\/console\/)/;
const CACHE_MS = 5_000;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Resolves the bearer token to a principal before any route runs. Client
 * lookups are cached for a few seconds so dashboards polling at thousands of
 * requests a second cost no database round trip; a revocation in this process
 * clears the cache at once.
 */
export const authPlugin = fp(
  async (app: FastifyInstance, opts: { store: Store; adminTokenHash: string }) => {
    const cache = new Map<string, { principal: Principal | null; until: number }>();
    const adminHash = Buffer.from(opts.adminTokenHash, 'hex');
    app.decorate('clearAuthCache', () => cache.clear());

    // A callback hook, not an async one: a cached token (nearly every request) goes on in the same turn,
    // without a promise per request (decision 1911).
    app.addHook('onRequest', (request, _reply, done) => {
      const query = request.url.indexOf('?');
      if (PUBLIC.test(query < 0 ? request.url : request.url.slice(0, query))) return done();
      const header = request.headers.authorization;
      const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
      if (!match?.[1]) return done(new DomainError('UNAUTHENTICATED', 'Send Authorization: Bearer <token>'));
      const token = match[1];
      const now = Date.now();
      const settle = (principal: Principal | null) => {
        if (!principal) return done(new DomainError('UNAUTHENTICATED', 'Unknown or revoked token'));
        request.principal = principal;
        done();
      };
      const cached = cache.get(token);
      if (cached && cached.until > now) return settle(cached.principal);
      resolve(token).then((principal) => {
        if (cache.size > 10_000) cache.clear();
        cache.set(token, { principal, until: now + CACHE_MS });
        settle(principal);
      }, done);
    });

    async function resolve(token: string): Promise<Principal | null> {
      const hash = Buffer.from(sha256Hex(token), 'hex');
      if (hash.length === adminHash.length && timingSafeEqual(hash, adminHash)) return { kind: 'admin', clientId: 'admin' };
      const client = await authenticateClient(opts.store.db, token);
      if (!client) return null;
      return {
        kind: 'client',
        hallId: client.hall_id,
        clientId: client.client_id,
        role: client.role as Role,
        windowId: client.window_id ?? null,
        section: (client.section as SectionName | null) ?? null,
        staffId: client.staff_id ?? null,
      };
    }
  },
  { name: 'auth' },
);

declare module 'fastify' {
  interface FastifyInstance {
    clearAuthCache: () => void;
  }
}
