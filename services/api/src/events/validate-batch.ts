import { z } from 'zod';
import { incomingEvent, type FieldError, type IncomingEvent } from '@hall/contracts';
import { pointer } from '../http/problem.ts';

/** The envelope alone: an object holding 1–1000 events and nothing else. */
const envelope = z.strictObject({ events: z.array(z.unknown()).min(1).max(1000) });

/** A zod issue as field errors, paths under `prefix`, the way the error handler words schema failures. */
function fieldErrors(issue: z.core.$ZodIssue, prefix: string): FieldError[] {
  const base = `${prefix}${pointer(issue.path)}`;
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: `${base}${pointer([key])}`, message: 'unknown field' }));
  return [{ path: base, message: issue.message }];
}

/**
 * Checks each event of an append body against its schema on its own, so a
 * batch's 422 can name the schema errors of some events together with the
 * other errors (dates, rule codes, unknown references) of the rest (docs/integration.md:
 * "422 naming each bad field"). Undefined when the envelope itself is wrong
 * (then the schema's own error stands). `events[i]` is undefined where event
 * i broke its schema.
 */
export function validateBatch(body: unknown): { events: Array<IncomingEvent | undefined>; errors: FieldError[] } | undefined {
  const outer = envelope.safeParse(body);
  if (!outer.success) return undefined;
  const errors: FieldError[] = [];
  const events = outer.data.events.map((raw, i) => {
    const parsed = incomingEvent.safeParse(raw);
    if (parsed.success) return parsed.data as IncomingEvent;
    for (const issue of parsed.error.issues) errors.push(...fieldErrors(issue, `/events/${i}`));
    return undefined;
  });
  return { events, errors };
}

/** Field errors in request order: by event, then as found. */
export function byEvent(errors: readonly FieldError[]): FieldError[] {
  const eventOf = (path: string) => Number(/^\/events\/(\d+)/.exec(path)?.[1] ?? -1);
  return errors
    .map((error, order) => ({ error, order, event: eventOf(error.path) }))
    .sort((a, b) => a.event - b.event || a.order - b.order)
    .map((x) => x.error);
}
