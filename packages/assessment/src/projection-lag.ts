import type { Kysely } from 'kysely';
import type { Database } from '@hall/event-store';
import { PROJECTION } from './projection.ts';
import { viewDb } from './view-tables.ts';

/** Head position minus the score projection's checkpoint, per hall (a metric, read at scrape time). */
export async function projectionLag(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await viewDb(db)
    .selectFrom('halls')
    .leftJoin('projection_checkpoints', (join) =>
      join.onRef('projection_checkpoints.hall_id', '=', 'halls.hall_id').on('projection_checkpoints.projection', '=', PROJECTION.name).on('projection_checkpoints.active', '=', true),
    )
    .select(['halls.hall_id as hallId', 'halls.head_position as head', 'projection_checkpoints.position as checkpoint'])
    .execute();
  return Object.fromEntries(rows.map((r) => [r.hallId, Number(r.head) - Number(r.checkpoint ?? 0)]));
}
