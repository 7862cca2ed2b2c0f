import { z } from 'zod';
import { eventId, timestamp } from './primitives.ts';
import { clientEventSchemas, type ClientEventType } from './events/index.ts';

/**
 * An event as a client posts it: one variant per type, discriminated on `type`,
 * so a bad field is named at its own path (`/events/3/data/windowId`).
 */
const eventVariants = Object.entries(clientEventSchemas).map(([type, data]) =>
  z.strictObject({ id: eventId, type: z.literal(type), occurredAt: timestamp, data }).meta({ id: `${type}Event` }),
);
export const incomingEvent = z.discriminatedUnion(
  'type',
  eventVariants as unknown as [(typeof eventVariants)[number], ...(typeof eventVariants)[number][]],
);
export type IncomingEvent = { id: string; type: ClientEventType; occurredAt: string; data: Record<string, unknown> };

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
  /** Salted hash of the citizen's contact (never the contact): the chain covers it, so recomputing needs it. */
  personalRef: z.string().nullable(),
  hash: z.string(),
  prevHash: z.string(),
});
export type StoredEventWire = z.infer<typeof storedEvent>;
