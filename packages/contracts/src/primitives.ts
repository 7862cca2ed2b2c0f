import { z } from 'zod';

/** A client-chosen identifier of a window, staff member, ticket, case … (docs/integration.md: 1–64 chars). */
export const entityId = z.string().min(1).max(64);

/** An event id chosen by the client: 1–64 of `A-Za-z0-9_.:-` (a UUID is best). */
export const eventId = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be 1–64 of A-Za-z0-9_.:-');

/** RFC 3339 timestamp with an offset (`Z` or `+08:00`). */
export const timestamp = z.iso.datetime({ offset: true });

/** A calendar date `YYYY-MM-DD`. */
export const isoDate = z.iso.date();

/** A month `YYYY-MM` in the hall's timezone. */
export const monthPeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

/** A quarter `YYYY-Qn`. */
export const quarterPeriod = z.string().regex(/^\d{4}-Q[1-4]$/, 'must be a quarter YYYY-Qn');

/** A year `YYYY`. */
export const yearPeriod = z.string().regex(/^\d{4}$/, 'must be a year YYYY');

export const windowKind = z.enum(['approval', 'public_service']);
export type WindowKind = z.infer<typeof windowKind>;

export const sectionName = z.enum(['supervision', 'coordination', 'it', 'office']);
export type SectionName = z.infer<typeof sectionName>;

/** Points on the wire: decimals with at most two places (−2.5, 0.1). Stored and computed in hundredths. */
export const points = z
  .number()
  .refine((n) => Number.isFinite(n) && Math.abs(Math.round(n * 100) - n * 100) < 1e-6, 'at most two decimal places');
