import type { ColumnType, Kysely } from 'kysely';
import type { Database } from '@hall/event-store';

type Json<T> = ColumnType<T, string, string>;
type BigintColumn = ColumnType<string, number | string, number | string>;

/** Tables of migrations 0003, 0011, 0014, 0015 and 0016: the scoring projection's views, the frozen publications (whole and per subject) and the carry-over snapshots. */
export type ViewTables = {
  projection_checkpoints: {
    hall_id: string;
    projection: string;
    version: number;
    position: BigintColumn;
    active: ColumnType<boolean, boolean | undefined, boolean>;
    updated_at: ColumnType<Date, Date | string, Date | string>;
  };
  score_views: {
    hall_id: string;
    period: string;
    /** The projection version the row was written under (migration 0014). */
    projection_version: number;
    subject_type: 'window' | 'staff';
    subject_id: string;
    total_cents: number;
    veto: boolean;
    document: Json<unknown>;
    position: BigintColumn;
  };
  month_views: {
    hall_id: string;
    projection_version: number;
    period: string;
    /** open or collecting: a published month is read from period_versions. */
    stage: string;
    rankings: Json<unknown>;
    ratings: Json<unknown>;
    position: BigintColumn;
  };
  period_versions: {
    hall_id: string;
    period: string;
    version: number;
    kind: 'preliminary' | 'final' | 'restated';
    published_at: ColumnType<Date, Date | string, Date | string>;
    computed_through: BigintColumn;
    scores_hash: string;
    catalogue_version: number;
    windows: Json<unknown>;
    staff: Json<unknown>;
    rankings: Json<unknown>;
    ratings: Json<unknown>;
  };
  month_carry_overs: {
    hall_id: string;
    from_month: string;
    through_position: BigintColumn;
    positions: ColumnType<Array<string | number>, number[], number[]>;
    created_at: ColumnType<Date, Date | string, Date | string>;
  };
  /** One subject of a published version (migration 0015): the document as period_versions holds it. */
  published_documents: {
    hall_id: string;
    period: string;
    version: number;
    subject_type: 'window' | 'staff';
    subject_id: string;
    /** The subject's place (from 1) in the version's windows or staff array. */
    ordinal: number;
    total_cents: number;
    veto: boolean;
    document: Json<unknown>;
  };
  /** One bad-rating case per row (migration 0016), written by the score views' projection: the case as `StoredCase`. */
  bad_rating_cases: {
    hall_id: string;
    projection_version: number;
    case_id: string;
    period: string;
    window_id: string;
    opened_at: ColumnType<Date, Date | string, Date | string>;
    document: Json<unknown>;
    position: BigintColumn;
  };
};

export type ViewDb = Kysely<Database & ViewTables>;

export function viewDb(db: Kysely<Database>): ViewDb {
  return db.withTables<ViewTables>();
}
