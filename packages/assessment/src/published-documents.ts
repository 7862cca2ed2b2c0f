import { sql, type Kysely } from 'kysely';
import type { Database } from '@hall/event-store';

/**
 * Copies published versions' score documents into published_documents, one
 * row per subject (migration 0015, decision 1811), from the period_versions
 * rows already inserted in the same transaction — the documents are the very
 * jsonb values period_versions holds, so a read of either gives the same text.
 * Every insert into period_versions calls it in its transaction: the month
 * publication (one version) and a hall restore (all of the hall's versions).
 * A version already copied is left alone.
 */
export async function insertPublishedDocuments(db: Kysely<Database>, hallId: string, only?: { period: string; version: number }): Promise<void> {
  await sql`
    insert into published_documents (hall_id, period, version, subject_type, subject_id, ordinal, total_cents, veto, document)
    select period_versions.hall_id, period_versions.period, period_versions.version, s.subject_type, d.doc->'subject'->>'id', d.ordinal::integer,
           round((d.doc->>'total')::numeric * 100)::integer, (d.doc->>'veto')::boolean, d.doc
    from period_versions
    cross join lateral (values ('window', period_versions.windows), ('staff', period_versions.staff)) as s(subject_type, docs)
    cross join lateral jsonb_array_elements(s.docs) with ordinality as d(doc, ordinal)
    where period_versions.hall_id = ${hallId}
      ${only ? sql`and period_versions.period = ${only.period} and period_versions.version = ${only.version}` : sql``}
    on conflict (hall_id, period, version, subject_type, subject_id) do nothing`.execute(db);
}
