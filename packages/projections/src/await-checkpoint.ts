import { sql, type Kysely } from 'kysely';
import type { Database } from '@hall/event-store';

export interface Progress {
  /** The hall's head when asked (undefined: no such hall). */
  head: number;
  /** The active version's checkpoint (0 when none was written yet). */
  checkpoint: number;
  /** The active version (undefined when none was written yet). */
  version?: number;
}

/** The hall's head and the active checkpoint of `projection`, in one statement. */
export async function progressOf(db: Kysely<Database>, hallId: string, projection: string): Promise<Progress | undefined> {
  const { rows } = await sql<{ head: string; checkpoint: string | null; version: number | null }>`
    select halls.head_position as head, projection_checkpoints.position as checkpoint, projection_checkpoints.version
    from halls left join projection_checkpoints
      on projection_checkpoints.hall_id = ${hallId} and projection_checkpoints.projection = ${projection} and projection_checkpoints.active
    where halls.hall_id = ${hallId}`.execute(db);
  const row = rows[0];
  return row && { head: Number(row.head), checkpoint: Number(row.checkpoint ?? 0), ...(row.version === null ? {} : { version: row.version }) };
}

/**
 * Read-your-writes without computing (docs/decisions/1422): waits, at most
 * `boundMs`, for the projection's checkpoint to reach the hall's head as it
 * was when the read began, polling the table. `nudge` is called once when the
 * checkpoint is behind (the caller may kick its own runner). Answers the last
 * progress seen, caught up or not; undefined for an unknown hall.
 */
export async function awaitCheckpoint(
  db: Kysely<Database>,
  hallId: string,
  projection: string,
  opts: { boundMs: number; pollMs?: number; nudge?: () => void },
): Promise<Progress | undefined> {
  const first = await progressOf(db, hallId, projection);
  if (!first || first.checkpoint >= first.head) return first;
  opts.nudge?.();
  const target = first.head;
  const deadline = performance.now() + opts.boundMs;
  let last = first;
  while (performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, opts.pollMs ?? 20));
    const now = await progressOf(db, hallId, projection);
    if (!now) return undefined;
    last = { ...now, head: target };
    if (now.checkpoint >= target) return last;
  }
  return last;
}
