import type { ColumnType, Kysely } from 'kysely';
import type { Database } from '@hall/event-store';

/** Table of migration 0004. */
export type AuditTables = {
  audit_checkpoints: {
    hall_id: string;
    period: string;
    version: number;
    position: ColumnType<string, number | string, number | string>;
    head_hash: string;
    scores_hash: string;
    signed_at: string;
    key_id: string;
    signature: string;
  };
};

export type AuditDb = Kysely<Database & AuditTables>;

export function auditDb(db: Kysely<Database>): AuditDb {
  return db.withTables<AuditTables>();
}
