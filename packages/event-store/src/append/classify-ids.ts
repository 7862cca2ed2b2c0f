import type { FieldError } from '@hall/contracts';
import type { StoredIds } from './append-types.ts';

export type Classified =
  | { status: 'new' }
  | { status: 'duplicate'; position: number }
  | { status: 'duplicate-in-batch'; of: number };

/**
 * Step 3, idempotency, set-based: every id of the batch against the ids the
 * hall already stores (read in one query with the lock, or known to this
 * process) and against earlier events of the batch. Same id, same
 * fingerprint is a duplicate; same id, other content a conflict.
 */
export function classifyIds(
  events: ReadonlyArray<{ id: string; contentHash: () => string }>,
  stored: StoredIds,
): { classified: Classified[]; conflicts: FieldError[] } {
  const conflicts: FieldError[] = [];
  const firstIndex = new Map<string, number>();
  const classified = events.map((e, i): Classified => {
    const old = stored.get(e.id);
    if (old) {
      if (old.contentHash() !== e.contentHash()) {
        conflicts.push({ path: `/events/${i}/id`, message: `event id already stored at position ${old.position} with other content` });
      }
      return { status: 'duplicate', position: old.position };
    }
    const j = firstIndex.get(e.id);
    if (j !== undefined) {
      if (events[j].contentHash() !== e.contentHash()) {
        conflicts.push({ path: `/events/${i}/id`, message: `event id used by /events/${j} with other content` });
      }
      return { status: 'duplicate-in-batch', of: j };
    }
    firstIndex.set(e.id, i);
    return { status: 'new' };
  });
  return { classified, conflicts };
}
