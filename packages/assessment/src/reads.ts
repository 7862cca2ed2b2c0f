import { sql } from 'kysely';
import { DomainError, type BadRatingRatesFigures, type PeriodStage, type Rankings, type RatingStatus, type ScoreDocument } from '@hall/contracts';
import type { HallRow } from '@hall/event-store';
import { hallClock } from '@hall/scoring';
import type { HallStates } from './hall-states.ts';
import type { HallState } from './hall-state.ts';
import { viewDb } from './view-tables.ts';
import { fail, succeed, type Outcome } from './outcome.ts';
import { monthHead, projected, type MonthHead } from './read-position.ts';

export interface PublishedMonthRow {
  version: number;
  kind: 'preliminary' | 'final' | 'restated';
  publishedAt: string;
  computedThrough: number;
  scoresHash: string;
  catalogueVersion: number;
  windows: ScoreDocument[];
  staff: ScoreDocument[];
  rankings: Rankings;
  ratings: RatingStatus[];
}

/** NOT_FOUND for a quarter or year wholly outside the hall's assessment: ended before it starts, or not yet begun. */
export function checkSpanExists(state: { hall: HallRow }, span: string, months: readonly string[], now: Date): Outcome<void> {
  const start = state.hall.assessmentStartsOn.slice(0, 7);
  const current = hallClock(state.hall.timezone).month(now.getTime());
  if (months.at(-1)! < start) return fail('NOT_FOUND', `${span} ends before the hall's assessment starts (${state.hall.assessmentStartsOn})`);
  if (months[0]! > current) return fail('NOT_FOUND', `${span} has not begun`);
  return succeed(undefined);
}

/** NOT_FOUND for months outside the hall's assessment: before it starts, or not yet begun. */
export function checkPeriodExists(state: { hall: HallRow }, period: string, now: Date): Outcome<void> {
  const start = state.hall.assessmentStartsOn.slice(0, 7);
  const current = hallClock(state.hall.timezone).month(now.getTime());
  if (period < start) return fail('NOT_FOUND', `${period} is before the hall's assessment starts (${state.hall.assessmentStartsOn})`);
  if (period > current) return fail('NOT_FOUND', `${period} has not begun`);
  return succeed(undefined);
}

export async function readVersion(a: HallStates, hallId: string, period: string, version: number): Promise<PublishedMonthRow | undefined> {
  const row = await viewDb(a.db)
    .selectFrom('period_versions')
    .selectAll()
    .where('hall_id', '=', hallId)
    .where('period', '=', period)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    version: row.version,
    kind: row.kind,
    publishedAt: new Date(row.published_at).toISOString(),
    computedThrough: Number(row.computed_through),
    scoresHash: row.scores_hash,
    catalogueVersion: row.catalogue_version,
    windows: row.windows as ScoreDocument[],
    staff: row.staff as ScoreDocument[],
    rankings: row.rankings as Rankings,
    ratings: row.ratings as RatingStatus[],
  };
}

/** The number of the latest version published for `period`, if any. */
export async function latestVersion(a: HallStates, hallId: string, period: string): Promise<number | undefined> {
  const row = await viewDb(a.db)
    .selectFrom('period_versions')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('hall_id', '=', hallId)
    .where('period', '=', period)
    .executeTakeFirst();
  return row?.version ?? undefined;
}

/** A month that has a published version to answer with: preliminary or final (0004). */
function isPublished(stage: string): boolean {
  return stage === 'preliminary' || stage === 'final';
}

/**
 * The published version a use case answers with (from its state): the one
 * asked for, else the latest for a published (preliminary or final) month.
 * Open and collecting months answer from the live views (null here); see
 * docs/decisions/0004-preliminary-reads.md.
 */
export async function publishedFor(a: HallStates, state: HallState, period: string, version?: number): Promise<PublishedMonthRow | null> {
  const periodState = state.period(period);
  if (version !== undefined) {
    const row = await readVersion(a, state.hall.hallId, period, version);
    if (!row) throw new DomainError('NOT_FOUND', `${period} has no published version ${version}`);
    return row;
  }
  if (!isPublished(periodState.stage)) return null;
  const latest = periodState.versions.at(-1);
  if (!latest) return null;
  const row = await readVersion(a, state.hall.hallId, period, latest.version);
  if (!row) throw new Error(`published version ${latest.version} of ${period} is missing from period_versions`);
  return row;
}

function stageOfKind(kind: 'preliminary' | 'final' | 'restated') {
  return kind === 'preliminary' ? ('preliminary' as const) : ('final' as const);
}

/**
 * One subject's score document as JSON text, straight from the view or the
 * published version (no parse and re-serialise on the hot read path), with
 * the position it reflects.
 */
export async function scoreDocumentText(
  a: HallStates,
  hallId: string,
  period: string,
  subject: { type: 'window' | 'staff'; id: string },
  version?: number,
): Promise<{ text: string; asOfPosition: number }> {
  const head = await monthHead(a, hallId, period);
  const wanted = version ?? head.published?.version;
  if (wanted !== undefined) {
    // One key lookup in published_documents (decision 1811); the left join tells a missing version from a missing subject.
    const row = await sql<{ doc: string | null; version: number }>`
      select period_versions.version, published_documents.document::text as doc
      from period_versions
      left join published_documents
        on published_documents.hall_id = ${hallId} and published_documents.period = period_versions.period
        and published_documents.version = period_versions.version
        and published_documents.subject_type = ${subject.type} and published_documents.subject_id = ${subject.id}
      where period_versions.hall_id = ${hallId} and period_versions.period = ${period} and period_versions.version = ${wanted}`.execute(a.db);
    const found = row.rows[0];
    if (!found) throw new DomainError('NOT_FOUND', `${period} has no published version ${wanted}`);
    if (!found.doc) throw new DomainError('NOT_FOUND', `No ${subject.type} ${subject.id} in version ${wanted} of ${period}`);
    return { text: found.doc, asOfPosition: head.asOfPosition };
  }
  const row = await sql<{ doc: string }>`
    select document::text as doc from score_views
    where hall_id = ${hallId} and projection_version = ${head.projectionVersion} and period = ${period}
      and subject_type = ${subject.type} and subject_id = ${subject.id}`.execute(a.db);
  const doc = row.rows[0]?.doc;
  if (!doc) throw new DomainError('NOT_FOUND', `No ${subject.type} ${subject.id} is assessed in ${period}`);
  return { text: doc, asOfPosition: head.asOfPosition };
}

export async function scoreDocument(
  a: HallStates,
  hallId: string,
  period: string,
  subject: { type: 'window' | 'staff'; id: string },
  version?: number,
): Promise<ScoreDocument> {
  return JSON.parse((await scoreDocumentText(a, hallId, period, subject, version)).text) as ScoreDocument;
}

/** A published version without its documents: what a list or the rankings answer with besides the per-subject rows. */
type VersionHead = Omit<PublishedMonthRow, 'windows' | 'staff'>;

/** The version asked for, or the latest published one, as a read answers with it (its documents left in the database); null for a live month. */
async function versionToRead(a: HallStates, hallId: string, period: string, head: MonthHead, version?: number): Promise<VersionHead | null> {
  const wanted = version ?? head.published?.version;
  if (wanted === undefined) return null;
  const row = await viewDb(a.db)
    .selectFrom('period_versions')
    .select(['version', 'kind', 'published_at', 'computed_through', 'scores_hash', 'catalogue_version', 'rankings', 'ratings'])
    .where('hall_id', '=', hallId)
    .where('period', '=', period)
    .where('version', '=', wanted)
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `${period} has no published version ${wanted}`);
  return {
    version: row.version,
    kind: row.kind,
    publishedAt: new Date(row.published_at).toISOString(),
    computedThrough: Number(row.computed_through),
    scoresHash: row.scores_hash,
    catalogueVersion: row.catalogue_version,
    rankings: row.rankings as Rankings,
    ratings: row.ratings as RatingStatus[],
  };
}

export async function subjectList(a: HallStates, hallId: string, period: string, type: 'window' | 'staff', version?: number) {
  const head = await monthHead(a, hallId, period);
  const published = await versionToRead(a, hallId, period, head, version);
  let docs: Array<{ id: string; total: number; veto: boolean; stage: string; version: number | null; badRatingRates?: BadRatingRatesFigures }>;
  // The rates ride along where the document has them (versions published before them do not; decision 1721).
  const withRates = (rates: BadRatingRatesFigures | null | undefined) => (rates ? { badRatingRates: rates } : {});
  if (published) {
    // The version's rows in the order of its array; only the fields a list shows leave the database (decision 1811).
    const rows = await viewDb(a.db)
      .selectFrom('published_documents')
      .select([
        'subject_id',
        sql<number>`document->'total'`.as('total'),
        'veto',
        sql<string>`document->>'stage'`.as('stage'),
        sql<number | null>`document->'version'`.as('version'),
        sql<BadRatingRatesFigures | null>`document->'badRatingRates'`.as('rates'),
      ])
      .where('hall_id', '=', hallId)
      .where('period', '=', period)
      .where('version', '=', published.version)
      .where('subject_type', '=', type)
      .orderBy('ordinal')
      .execute();
    docs = rows.map((r) => ({ id: r.subject_id, total: r.total, veto: r.veto, stage: r.stage, version: r.version, ...withRates(r.rates) }));
  } else {
    const rows = await viewDb(a.db)
      .selectFrom('score_views')
      .select(['subject_id', 'total_cents', 'veto', sql<BadRatingRatesFigures | null>`document->'badRatingRates'`.as('rates')])
      .where('hall_id', '=', hallId)
      .where('projection_version', '=', head.projectionVersion)
      .where('period', '=', period)
      .where('subject_type', '=', type)
      .orderBy('subject_id')
      .execute();
    docs = rows.map((r) => ({ id: r.subject_id, total: r.total_cents / 100, veto: r.veto, stage: head.stage, version: null, ...withRates(r.rates) }));
  }
  return {
    period,
    stage: published ? stageOfKind(published.kind) : head.stage,
    version: published?.version ?? head.published?.version ?? null,
    docs,
    asOfPosition: head.asOfPosition,
  };
}

export async function monthRankings(a: HallStates, hallId: string, period: string, version?: number) {
  const head = await monthHead(a, hallId, period);
  const published = await versionToRead(a, hallId, period, head, version);
  if (published) {
    return { period, stage: stageOfKind(published.kind), version: published.version, ...published.rankings, ratings: published.ratings, asOfPosition: head.asOfPosition };
  }
  const row = await viewDb(a.db)
    .selectFrom('month_views')
    .select(['rankings', 'ratings'])
    .where('hall_id', '=', hallId)
    .where('projection_version', '=', head.projectionVersion)
    .where('period', '=', period)
    .executeTakeFirst();
  const rankings = (row?.rankings as Rankings | undefined) ?? { approval: [], public_service: [] };
  return {
    period,
    stage: head.stage,
    version: null,
    ...rankings,
    ratings: (row?.ratings as RatingStatus[] | undefined) ?? [],
    asOfPosition: head.asOfPosition,
  };
}

/** Every month's stage and latest version, from the tables (the board's month list). */
export async function monthStages(a: HallStates, hallId: string): Promise<{ asOfPosition: number; months: Map<string, { stage: PeriodStage; version: number | null }> }> {
  const progress = await projected(a, hallId);
  const vdb = viewDb(a.db);
  const live = await vdb
    .selectFrom('month_views')
    .select(['period', 'stage'])
    .where('hall_id', '=', hallId)
    .where('projection_version', '=', progress.projectionVersion)
    .execute();
  const published = await vdb
    .selectFrom('period_versions')
    .select(['period', 'version', 'kind'])
    .where('hall_id', '=', hallId)
    .orderBy('period')
    .orderBy('version')
    .execute();
  const months = new Map<string, { stage: PeriodStage; version: number | null }>();
  for (const row of live) months.set(row.period, { stage: row.stage as PeriodStage, version: null });
  for (const row of published) months.set(row.period, { stage: stageOfKind(row.kind), version: row.version });
  return { asOfPosition: progress.checkpoint, months };
}
