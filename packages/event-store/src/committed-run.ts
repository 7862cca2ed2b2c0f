import type { AppendedEvent } from './append/append-types.ts';
import type { EventBody } from './read-event-bodies.ts';

/**
 * Events one append of this process has just committed, in the shape the
 * projector thread folds them from instead of reading the same rows back
 * (decision 1931). Two strings and a few scalars, so posting it to a thread
 * copies them as they are instead of cloning an object per event.
 */
export interface CommittedRun {
  hallId: string;
  /** Position of the first event; the others follow it without a gap. */
  from: number;
  count: number;
  /** One append has one recording time and one client. */
  recordedAt: string;
  clientId: string;
  /** JSON of `[ids, types, occurredAts, personalRefs]`, one entry per event. */
  columns: string;
  /** A JSON array of the events' data, each element the stored text itself (the canonical data text, 0307). */
  data: string;
}

/** The run of an append's stored events (position order, no gap); undefined for none. */
export function committedRunOf(events: readonly AppendedEvent[]): CommittedRun | undefined {
  const first = events[0];
  if (first === undefined) return undefined;
  const n = events.length;
  const ids = new Array<string>(n);
  const types = new Array<string>(n);
  const occurredAts = new Array<string>(n);
  const personalRefs = new Array<string | null>(n);
  const data = new Array<string>(n);
  for (let i = 0; i < n; i += 1) {
    const e = events[i]!;
    // The write checks the same (write-events.ts); a run that is not one is a bug here, not a fallback.
    if (e.position !== first.position + i || e.recordedAt !== first.recordedAt || e.clientId !== first.clientId) {
      throw new Error('committedRunOf: not one append’s run of positions');
    }
    ids[i] = e.id;
    types[i] = e.type;
    occurredAts[i] = e.occurredAt;
    personalRefs[i] = e.personalRef;
    data[i] = e.dataText;
  }
  return {
    hallId: first.hallId,
    from: first.position,
    count: n,
    recordedAt: first.recordedAt,
    clientId: first.clientId,
    columns: JSON.stringify([ids, types, occurredAts, personalRefs]),
    data: `[${data.join(',')}]`,
  };
}

/** The run's events as `readEventBodies` reads them from the store (the same fields, the same values). */
export function eventBodiesOf(run: CommittedRun): EventBody[] {
  const [ids, types, occurredAts, personalRefs] = JSON.parse(run.columns) as [string[], string[], string[], Array<string | null>];
  const data = JSON.parse(run.data) as Array<Record<string, unknown>>;
  const out = new Array<EventBody>(run.count);
  for (let i = 0; i < run.count; i += 1) {
    out[i] = {
      position: run.from + i,
      id: ids[i]!,
      type: types[i]!,
      occurredAt: occurredAts[i]!,
      recordedAt: run.recordedAt,
      clientId: run.clientId,
      data: data[i]!,
      personalRef: personalRefs[i]!,
    };
  }
  return out;
}
