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

/** A tag from the hall's history position and the resource: it changes whenever the hall's history moves. */
export function etagFor(position: number, url: string): string {
  const digest = createHash('sha1').update(url).digest('base64url').slice(0, 10);
  return `W/"${position}-${digest}"`;
}

/** Sets the tag and answers 304 when the client already holds it. */
export function notModified(request: FastifyRequest, reply: FastifyReply, tag: string): boolean {
  reply.header('etag', tag);
  reply.header('cache-control', 'no-cache');
  if (request.headers['if-none-match'] !== tag) return false;
  void reply.status(304).send();
  return true;
}

/**
 * The history position a read reflects (at least), for dashboards to show the
 * lag; its ETag derives from the same position (docs/decisions/1422).
 */
export const AS_OF_HEADER = 'as-of-position';

export function asOf(reply: FastifyReply, position: number): void {
  reply.header(AS_OF_HEADER, String(position));
}
