import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Answers 304 when the client already holds this body. The tag joins the
 * hall's projection position and a digest of the body, so big screens polling
 * every few seconds cost a hash and no transfer while nothing changes.
 */
export function withEtag<T>(request: FastifyRequest, reply: FastifyReply, position: number, body: T): T | FastifyReply {
  const digest = createHash('sha1').update(JSON.stringify(body)).digest('base64url').slice(0, 16);
  const tag = `W/"${position}-${digest}"`;
  reply.header('etag', tag);
  reply.header('cache-control', 'no-cache');
  if (request.headers['if-none-match'] === tag) return reply.status(304).send();
  return body;
}
