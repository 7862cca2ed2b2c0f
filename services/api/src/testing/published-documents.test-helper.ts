import { sql, type Kysely } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Database } from '@hall/event-store';

/** Each subject of each published version of a hall, as period_versions holds it (its array element's text and place). */
export async function versionDocuments(db: Kysely<Database>, hallId: string) {
  const rows = await sql<{ period: string; version: number; type: 'window' | 'staff'; id: string; ordinal: number; text: string }>`
    select v.period, v.version, s.type, e.doc->'subject'->>'id' as id, e.ordinal::integer as ordinal, e.doc::text as text
    from period_versions v
    cross join lateral (values ('window', v.windows), ('staff', v.staff)) as s(type, docs)
    cross join lateral jsonb_array_elements(s.docs) with ordinality as e(doc, ordinal)
    where v.hall_id = ${hallId}
    order by 1, 2, 3, 5`.execute(db);
  return rows.rows;
}

/** The rows of published_documents for a hall, in the shape of {@link versionDocuments}. */
export async function publishedDocumentRows(db: Kysely<Database>, hallId: string) {
  const rows = await sql<{ period: string; version: number; type: 'window' | 'staff'; id: string; ordinal: number; text: string }>`
    select period, version, subject_type as type, subject_id as id, ordinal, document::text as text
    from published_documents where hall_id = ${hallId}
    order by 1, 2, 3, 5`.execute(db);
  return rows.rows;
}

/**
 * What a published month's read answers for each subject of each version,
 * beside the document in period_versions: `[path, body, expected]` triples
 * (the body is the response text, sent as stored).
 */
export async function publishedReads(app: FastifyInstance, db: Kysely<Database>, hallId: string, token: string) {
  const out: Array<{ path: string; status: number; body: string; expected: string }> = [];
  for (const doc of await versionDocuments(db, hallId)) {
    const path = `/v1/halls/${hallId}/periods/${doc.period}/${doc.type === 'window' ? 'windows' : 'staff'}/${doc.id}?version=${doc.version}`;
    const res = await app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${token}` } });
    out.push({ path, status: res.statusCode, body: res.body, expected: doc.text });
  }
  return out;
}
