/**
 * What a hall backup carries besides the chain (header, checkpoints, events):
 * the rows that are not derived from the history, in the order a restore
 * must insert them (foreign keys). Score views are derived and are rebuilt
 * on restore instead (docs/decisions/1063-hall-backup-and-restore.md).
 */
export const BACKUP_ROW_TABLES = [
  // contacts apart from the hashed history (erasable); after the events they point at
  'personal_data',
  // frozen publications: what was published, compared by replay
  'period_versions',
  // the hall's tokens, as hashes only
  'clients',
] as const;

export type BackupRowTable = (typeof BACKUP_ROW_TABLES)[number];

/** A backup line holding one row of a {@link BACKUP_ROW_TABLES} table or the hall row, as PostgreSQL's `to_jsonb` writes it. */
export interface BackupRowLine {
  kind: 'row';
  table: BackupRowTable | 'halls';
  row: Record<string, unknown>;
}
