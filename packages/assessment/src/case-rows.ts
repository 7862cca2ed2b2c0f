import { sql, type Kysely } from 'kysely';
import type { AssessmentEvent } from '@hall/contracts';
import type { Database } from '@hall/event-store';
import { readCheckpoint, type ProjectionName } from '@hall/projections';
import { hallBadRatingCases } from './hall-bad-rating-cases.ts';
import { caseIdOf, restepStored, storedCase, type StoredCase } from './case-documents.ts';
import type { HallState } from './hall-state.ts';
import { viewDb } from './view-tables.ts';

/** Rows per multi-row upsert (8 parameters each). */
const UPSERT_CHUNK = 500;

/**
 * What the projection knows of a hall's case rows (decision 1431): the
 * documents it last wrote (to write only the cases that changed), and the
 * case events folded since, for cases the bounded state no longer holds.
 */
export interface CaseRowCache {
  written: Map<string, { json: string; period: string }>;
  pending: Map<string, { json: string; period: string }> | null;
  /** No write of this state committed yet (or another runner wrote since): compare with the table, not the cache. */
  first: boolean;
  /** Case events folded since the last committed write. */
  events: AssessmentEvent[];
}

export function newCaseRowCache(): CaseRowCache {
  return { written: new Map(), pending: null, first: true, events: [] };
}

/** Notes an event folded into the state (only a case's own events are kept, until the next commit). */
export function noteCaseEvent(cache: CaseRowCache, event: AssessmentEvent): void {
  if (caseIdOf(event) !== undefined) cache.events.push(event);
}

/** Case events noted beyond this many: drop those another runner has already written (`pruneCaseEvents`). */
export const PRUNE_NOTED_AT = 1000;

/**
 * Drops the noted case events at or before the projection's checkpoint: a
 * process whose batches find the hall owned by another runner keeps folding
 * (for its use cases) but never commits, so without this its list would grow
 * with the history. The rows reflect the events through the checkpoint,
 * whoever wrote them.
 */
export async function pruneCaseEvents(db: Kysely<Database>, hallId: string, projection: ProjectionName, cache: CaseRowCache): Promise<void> {
  const through = (await readCheckpoint(db, hallId, projection))?.position ?? 0;
  cache.events = cache.events.filter((event) => event.position > through);
}

export function caseRowsCommitted(cache: CaseRowCache): void {
  if (cache.pending) cache.written = cache.pending;
  cache.pending = null;
  cache.first = false;
  cache.events = [];
}

interface Target {
  hallId: string;
  version: number;
  projection: string;
  position: number;
}

/**
 * Writes the hall's case rows in the batch's transaction: every case the
 * state folds whose document changed, deletes of cases the state can see are
 * gone (a 差评 voided before any case event), and the cases of events naming
 * a case the state no longer holds, re-folded from their stored row.
 * A case of a month before the state's `fromMonth` that is not in the fold
 * has left the bounded state: its row stays. Answers whether it wrote.
 */
export async function writeCaseRows(trx: Kysely<Database>, state: HallState, target: Target, cache: CaseRowCache): Promise<boolean> {
  const vdb = viewDb(trx);
  const { hallId, version } = target;
  const inHorizon = (period: string) => state.fromMonth === null || period >= state.fromMonth;
  const next = new Map<string, { json: string; period: string }>();
  const changed: Array<{ doc: StoredCase; json: string }> = [];
  for (const c of hallBadRatingCases(state)) {
    const doc = storedCase(state, c);
    const json = JSON.stringify(doc);
    next.set(c.caseId, { json, period: c.period });
    if (cache.first || cache.written.get(c.caseId)?.json !== json) changed.push({ doc, json });
  }
  let wrote = false;
  if (cache.first) {
    // A version building beside the active one starts from the active rows: the cases that left the bounded state are only there.
    await sql`
      insert into bad_rating_cases (hall_id, projection_version, case_id, period, window_id, opened_at, document, position)
      select o.hall_id, ${version}, o.case_id, o.period, o.window_id, o.opened_at, o.document, o.position
      from bad_rating_cases o
      where o.hall_id = ${hallId} and o.projection_version <> ${version}
        and o.projection_version = (select c.version from projection_checkpoints c where c.hall_id = ${hallId} and c.projection = ${target.projection} and c.active)
      on conflict do nothing`.execute(trx);
    const keep = [...next.keys()];
    const gone = await sql`
      delete from bad_rating_cases b
      where b.hall_id = ${hallId} and b.projection_version = ${version}
        and (${state.fromMonth}::text is null or b.period >= ${state.fromMonth}::text)
        and b.case_id <> all(${keep}::text[])`.execute(trx);
    wrote = Number(gone.numAffectedRows ?? 0) > 0;
  } else {
    const gone = [...cache.written].filter(([id, row]) => !next.has(id) && inHorizon(row.period)).map(([id]) => id);
    if (gone.length > 0) {
      await vdb.deleteFrom('bad_rating_cases').where('hall_id', '=', hallId).where('projection_version', '=', version).where('case_id', 'in', gone).execute();
      wrote = true;
    }
  }
  const late = await lateCases(trx, target, cache.events, next);
  await upsert(trx, target, [...changed, ...late.map((doc) => ({ doc, json: JSON.stringify(doc) }))]);
  cache.pending = next;
  return wrote || changed.length > 0 || late.length > 0;
}

/** Cases named by events whose case the state does not fold: their stored row with the events folded in (unknown ids are skipped). */
async function lateCases(trx: Kysely<Database>, target: Target, events: readonly AssessmentEvent[], folded: ReadonlyMap<string, unknown>): Promise<StoredCase[]> {
  const byCase = new Map<string, AssessmentEvent[]>();
  for (const event of events) {
    const caseId = caseIdOf(event)!;
    if (folded.has(caseId)) continue;
    byCase.set(caseId, [...(byCase.get(caseId) ?? []), event]);
  }
  if (byCase.size === 0) return [];
  const rows = await viewDb(trx)
    .selectFrom('bad_rating_cases')
    .select(['case_id', 'document'])
    .where('hall_id', '=', target.hallId)
    .where('projection_version', '=', target.version)
    .where('case_id', 'in', [...byCase.keys()])
    .execute();
  const out: StoredCase[] = [];
  for (const row of rows) {
    const stored = row.document as StoredCase;
    const next = restepStored(stored, byCase.get(row.case_id)!);
    if (next !== stored) out.push(next);
  }
  return out;
}

async function upsert(trx: Kysely<Database>, target: Target, docs: ReadonlyArray<{ doc: StoredCase; json: string }>): Promise<void> {
  for (let at = 0; at < docs.length; at += UPSERT_CHUNK) {
    await viewDb(trx)
      .insertInto('bad_rating_cases')
      .values(
        docs.slice(at, at + UPSERT_CHUNK).map(({ doc, json }) => ({
          hall_id: target.hallId,
          projection_version: target.version,
          case_id: doc.caseId,
          period: doc.period,
          window_id: doc.windowId,
          opened_at: doc.openedAt,
          document: json,
          position: target.position,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['hall_id', 'projection_version', 'case_id'])
          .doUpdateSet((eb) => ({
            period: eb.ref('excluded.period'),
            window_id: eb.ref('excluded.window_id'),
            opened_at: eb.ref('excluded.opened_at'),
            document: eb.ref('excluded.document'),
            position: eb.ref('excluded.position'),
          }))
          // A first write after a restart sends every case: unchanged rows are left as they are.
          .where(sql<boolean>`bad_rating_cases.document is distinct from excluded.document`),
      )
      .execute();
  }
}
