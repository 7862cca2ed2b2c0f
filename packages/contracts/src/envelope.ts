import { z } from 'zod';
import { eventId, timestamp } from './primitives.ts';
import { clientEventTypes } from './events/index.ts';

/**
 * An event as a client posts it. `data` is checked against its type's schema in
 * a second step so the error path can name `/events/3/data/windowId`.
 */
export const incomingEvent = z.strictObject({
  id: eventId,
  type: z.enum(clientEventTypes as [string, ...string[]]),
  occurredAt: timestamp,
  data: z.record(z.string(), z.unknown()),
});
export type IncomingEvent = z.infer<typeof incomingEvent>;

export const appendRequest = z.strictObject({ events: z.array(incomingEvent).min(1).max(1000) });

export const appendResult = z.object({
  id: z.string(),
  status: z.enum(['appended', 'duplicate']),
  position: z.number().int(),
});
export const appendResponse = z.object({ results: z.array(appendResult) });

/** An event as the history returns it to auditors. */
export const storedEvent = z.object({
  position: z.number().int(),
  id: z.string(),
  type: z.string(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  clientId: z.string(),
  schemaVersion: z.number().int(),
  data: z.record(z.string(), z.unknown()),
  hash: z.string(),
  prevHash: z.string(),
});
export type StoredEventWire = z.infer<typeof storedEvent>;
