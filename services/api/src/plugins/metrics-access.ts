import { timingSafeEqual } from 'node:crypto';
import { DomainError } from '@hall/contracts';
import { sha256Hex } from './auth.ts';

/**
 * Who may read `/metrics`: the operator, or a scraper sending
 * `Authorization: Bearer <METRICS_TOKEN>`. The metrics token opens nothing
 * else (the auth plugin does not know it), so a Prometheus server never holds
 * the operator's token. Returns a check that throws UNAUTHENTICATED.
 */
export function metricsAccess(adminTokenHash: string, metricsToken: string | undefined): (authorization: string | undefined) => void {
  const accepted = [Buffer.from(adminTokenHash, 'hex')];
  if (metricsToken) accepted.push(Buffer.from(sha256Hex(metricsToken), 'hex'));
  return (authorization) => {
    const token = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] : undefined;
    if (!token) throw new DomainError('UNAUTHENTICATED', 'Send Authorization: Bearer <operator token or METRICS_TOKEN>');
    const hash = Buffer.from(sha256Hex(token), 'hex');
    if (!accepted.some((h) => h.length === hash.length && timingSafeEqual(h, hash))) {
      throw new DomainError('UNAUTHENTICATED', 'Metrics take the operator token or METRICS_TOKEN');
    }
  };
}
