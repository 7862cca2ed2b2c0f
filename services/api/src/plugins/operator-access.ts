import { timingSafeEqual } from 'node:crypto';
import { sha256Hex } from './auth.ts';

/**
 * The operator's token from `Authorization: Bearer <token>` or, for pages a
 * browser opens, `Authorization: Basic` with the token as the password (any
 * user name): the browser asks once and resends it with every request the
 * page makes, so no token ever sits in a URL or the log.
 */
export function isOperator(adminTokenHash: string, authorization: string | undefined): boolean {
  if (!authorization) return false;
  let token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
  const basic = /^Basic\s+(\S+)\s*$/i.exec(authorization)?.[1];
  if (!token && basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    token = decoded.slice(decoded.indexOf(':') + 1);
  }
  if (!token) return false;
  const want = Buffer.from(adminTokenHash, 'hex');
  const got = Buffer.from(sha256Hex(token), 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}
