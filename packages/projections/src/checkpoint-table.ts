import type { ColumnType, Kysely } from 'kysely';
import type { Database } from '@hall/event-store';

type BigintColumn = ColumnType<string, number | string, number | string>;

/** The checkpoints of migrations 0003 and 0014: one per hall, projection and version; one version active. */
export type CheckpointTables = {
  projection_checkpoints: {
    hall_id: string;
    projection: string;
    version: number;
    position: BigintColumn;
    active: ColumnType<boolean, boolean | undefined, boolean>;
    updated_at: ColumnType<Date, Date | string, Date | string>;
  };
};

export type CheckpointDb = Kysely<Database & CheckpointTables>;

export function checkpointDb(db: Kysely<Database>): CheckpointDb {
  return db.withTables<CheckpointTables>();
}
