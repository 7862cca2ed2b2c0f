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

// /metrics and the queue dashboard check their own tokens (METRICS_TOKEN; the browser's Basic prompt).
const PUBLIC = [/^\/health\//, /^\/docs/, /^\/openapi\.json$/, /^\/metrics$/, /^\/admin\/queues(\/|$)/];
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

    app.addHook('onRequest', async (request) => {
      const path = request.url.split('?')[0] ?? '';
      if (PUBLIC.some((re) => re.test(path)) || path.startsWith('/board') || path.startsWith('/console/')) return;
      const header = request.headers.authorization;
      const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
      if (!match?.[1]) throw new DomainError('UNAUTHENTICATED', 'Send Authorization: Bearer <token>');
      const token = match[1];
      const now = Date.now();
      const cached = cache.get(token);
      let principal: Principal | null;
      if (cached && cached.until > now) {
        principal = cached.principal;
      } else {
        principal = await resolve(token);
        if (cache.size > 10_000) cache.clear();
        cache.set(token, { principal, until: now + CACHE_MS });
      }
      if (!principal) throw new DomainError('UNAUTHENTICATED', 'Unknown or revoked token');
      request.principal = principal;
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
