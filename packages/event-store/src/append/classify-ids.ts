import type { FieldError } from '@hall/contracts';
import type { StoredIds } from './append-types.ts';

export type Classified =
  | { status: 'new' }
  | { status: 'duplicate'; position: number }
  | { status: 'duplicate-in-batch'; of: number };

/** Every new event's classification is this one object: a batch of 500 new events allocates none (decision 1901). */
const NEW: Classified = Object.freeze({ status: 'new' });

/**
 * Step 3, idempotency, set-based: every id of the batch against the ids the
 * hall already stores (read in one query with the lock, or known to this
 * process) and against earlier events of the batch. Same id, same
 * fingerprint is a duplicate; same id, other content a conflict.
 * `contentHashAt(i)` is event i's fingerprint, asked only when its id comes
 * again (decision 1881).
 */
export function classifyIds(
  events: ReadonlyArray<{ id: string }>,
  contentHashAt: (i: number) => string,
  stored: StoredIds,
): { classified: Classified[]; conflicts: FieldError[] } {
  const conflicts: FieldError[] = [];
  const firstIndex = new Map<string, number>();
  const classified = new Array<Classified>(events.length);
  for (let i = 0; i < events.length; i += 1) {
    const id = events[i].id;
    const old = stored.get(id);
    if (old) {
      if (old.contentHash() !== contentHashAt(i)) {
        conflicts.push({ path: `/events/${i}/id`, message: `event id already stored at position ${old.position} with other content` });
      }
      classified[i] = { status: 'duplicate', position: old.position };
      continue;
    }
    const j = firstIndex.get(id);
    if (j !== undefined) {
      if (contentHashAt(j) !== contentHashAt(i)) {
        conflicts.push({ path: `/events/${i}/id`, message: `event id used by /events/${j} with other content` });
      }
      classified[i] = { status: 'duplicate-in-batch', of: j };
      continue;
    }
    firstIndex.set(id, i);
    classified[i] = NEW;
  }
  return { classified, conflicts };
}
