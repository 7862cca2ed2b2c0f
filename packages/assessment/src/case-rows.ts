import { sql, type Kysely } from 'kysely';
import type { AssessmentEvent, EventOf } from '@hall/contracts';
import { badRatingLineItemIds } from '@hall/scoring';
import type { Database } from '@hall/event-store';
import { readCheckpoint, type ProjectionName } from '@hall/projections';
import { hallBadRatingCases } from './hall-bad-rating-cases.ts';
import { caseIdOf, refoldStored, storedCase, type StoredCase } from './case-documents.ts';
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
  /** Cases as they were when a month became final and the state left them behind, not yet written (`departing`). */
  departed: Map<string, { doc: StoredCase; position: number }>;
}

export function newCaseRowCache(): CaseRowCache {
  return { written: new Map(), pending: null, first: true, events: [], departed: new Map() };
}

/** Notes an event folded into the state (only a case's own events, voids and upheld appeals are kept, until the next commit). */
export function noteCaseEvent(cache: CaseRowCache, event: AssessmentEvent): void {
  if (caseIdOf(event) !== undefined || event.type === 'EventVoided' || (event.type === 'AppealDecided' && event.data.upheld)) cache.events.push(event);
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
  cache.departed.clear();
}

/**
 * Keeps the cases of months before `fromMonth` as the state folds them now,
 * just before it leaves them behind (`HallState.compact`): the next write
 * stores them, so a case changed (or opened) by events the last batch did not
 * see still reaches its row.
 */
export function departing(state: HallState, cache: CaseRowCache, fromMonth: string): void {
  for (const c of hallBadRatingCases(state)) if (c.period < fromMonth) cache.departed.set(c.caseId, { doc: storedCase(state, c), position: state.position });
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
  // Cases the state left behind since the last write, as they were then (those still folded are written from the fold);
  // a row another runner wrote from a later position is newer and stays.
  const departed = [...cache.departed.values()].filter(({ doc }) => !next.has(doc.caseId));
  await upsert(
    trx,
    target,
    departed.map(({ doc, position }) => ({ doc, json: JSON.stringify(doc), position })),
    sql<boolean>`bad_rating_cases.position < excluded.position`,
  );
  const late = await lateCases(trx, target, state, cache.events, next);
  if (late.gone.length > 0) {
    await vdb.deleteFrom('bad_rating_cases').where('hall_id', '=', hallId).where('projection_version', '=', version).where('case_id', 'in', late.gone).execute();
  }
  await upsert(trx, target, [...changed, ...late.changed.map((doc) => ({ doc, json: JSON.stringify(doc) }))]);
  cache.pending = next;
  return wrote || departed.length > 0 || changed.length > 0 || late.changed.length > 0 || late.gone.length > 0;
}

/**
 * Cases the state does not fold that late facts reach: named by a case event,
 * holding the event a void names (its 差评 or one of its own events), or of the
 * month of an upheld appeal that names one of their 差评's line items. Their
 * stored rows re-folded (`refoldStored`); unknown ids are skipped.
 */
async function lateCases(trx: Kysely<Database>, target: Target, state: HallState, events: readonly AssessmentEvent[], folded: ReadonlyMap<string, unknown>) {
  const steps = new Map<string, AssessmentEvent[]>();
  const voids = events.filter((e) => e.type === 'EventVoided');
  const appeals = events.filter((e): e is EventOf<'AppealDecided'> => e.type === 'AppealDecided');
  const appealPeriods = [...new Set(appeals.map((e) => e.data.period))];
  for (const event of events) {
    const caseId = caseIdOf(event);
    if (caseId === undefined || folded.has(caseId)) continue;
    steps.set(caseId, [...(steps.get(caseId) ?? []), event]);
  }
  const out = { changed: [] as StoredCase[], gone: [] as string[] };
  if (steps.size === 0 && voids.length === 0 && appeals.length === 0) return out;
  const voidedIds = voids.map((e) => (e.data as { voidedEventId: string }).voidedEventId);
  // Voids are rare: finding the case that holds a voided event reads the hall's rows' timelines.
  const { rows } = await sql<{ case_id: string; document: StoredCase }>`
    select b.case_id, b.document from bad_rating_cases b
    where b.hall_id = ${target.hallId} and b.projection_version = ${target.version}
      and (b.case_id = any(${[...steps.keys()]}::text[])
        or (cardinality(${voidedIds}::text[]) > 0
          and exists (select 1 from jsonb_array_elements(b.document->'timeline') x where x->>'eventId' = any(${voidedIds}::text[])))
        or (b.period = any(${appealPeriods}::text[]) and b.document->'voided' = 'null'::jsonb))`.execute(trx);
  for (const row of rows) {
    if (folded.has(row.case_id)) continue;
    const next = refoldStored(row.document, { steps: steps.get(row.case_id) ?? [], voids, appeals: appealsOf(state, row.document, appeals) });
    if (next === undefined) out.gone.push(row.case_id);
    else if (next !== row.document) out.changed.push(next);
  }
  return out;
}

/** The upheld appeals among `appeals` that name a line item the case's 差评 gave (as the whole fold's `appealVoidOf` matches them). */
function appealsOf(state: HallState, stored: StoredCase, appeals: readonly EventOf<'AppealDecided'>[]): EventOf<'AppealDecided'>[] {
  const mine = appeals.filter((e) => e.data.period === stored.period);
  if (mine.length === 0) return [];
  const day = state.model.clock.localDay(Date.parse(stored.openedAt));
  const items = new Set(badRatingLineItemIds(state.model, { id: stored.ratingEventId, windowId: stored.windowId, staffId: stored.staffId }, day));
  return mine.filter((e) => e.data.upheld && items.has(e.data.lineItemId));
}

/** Upserts case rows (at the batch's position unless a row says otherwise), replacing a stored row only where `replace` holds. */
async function upsert(
  trx: Kysely<Database>,
  target: Target,
  docs: ReadonlyArray<{ doc: StoredCase; json: string; position?: number }>,
  // A first write after a restart sends every case: unchanged rows are left as they are.
  replace = sql<boolean>`bad_rating_cases.document is distinct from excluded.document`,
): Promise<void> {
  for (let at = 0; at < docs.length; at += UPSERT_CHUNK) {
    await viewDb(trx)
      .insertInto('bad_rating_cases')
      .values(
        docs.slice(at, at + UPSERT_CHUNK).map(({ doc, json, position }) => ({
          hall_id: target.hallId,
          projection_version: target.version,
          case_id: doc.caseId,
          period: doc.period,
          window_id: doc.windowId,
          opened_at: doc.openedAt,
          document: json,
          position: position ?? target.position,
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
          .where(replace),
      )
      .execute();
  }
}
