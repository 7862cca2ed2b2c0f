import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { streamEvents, type Database, type StoredEvent } from '@hall/event-store';

export const NDJSON = 'application/x-ndjson';

/** True when the client lists NDJSON among the types it accepts. */
export function wantsNdjson(accept: string | undefined): boolean {
  return accept !== undefined && accept.split(',').some((part) => part.split(';')[0]!.trim().toLowerCase() === NDJSON);
}

/** One event as an export line: the JSON page's fields plus `personalRef`, which the hash covers. */
export function eventLine(e: StoredEvent): string {
  return `${JSON.stringify(e)}\n`;
}

/**
 * The history after `after` through the head at the time of the call, one
 * batch of lines per chunk. Reads a batch only when the consumer wants more
 * (Readable.from pulls), so memory stays at two batches (the one being
 * written and the one streamEvents reads ahead) whatever the size.
 */
export async function* historyLines(db: Kysely<Database>, hallId: string, after: number, line: (e: StoredEvent) => string = eventLine): AsyncGenerator<string> {
  const head = await db.selectFrom('halls').select('head_position').where('hall_id', '=', hallId).executeTakeFirstOrThrow();
  for await (const batch of streamEvents(db, hallId, { after, through: Number(head.head_position), batchSize: 2000 })) {
    yield batch.map(line).join('');
  }
}

export function sendNdjson(reply: FastifyReply, db: Kysely<Database>, hallId: string, after: number): FastifyReply {
  return reply.type(NDJSON).send(Readable.from(historyLines(db, hallId, after)));
}
