import { sql, type Kysely } from 'kysely';
import { getHall, streamEvents, type Database } from '@hall/event-store';
import type { ScoreDocument } from '@hall/contracts';
import type { Projection } from '@hall/projections';
import { hallClock } from '@hall/scoring';
import type { HallState } from './hall-state.ts';
import { loadHallState } from './load-hall-state.ts';
import { earliestTouchedMonth, monthsBetween } from './touched-months.ts';
import { scoreHallMonth } from './scorer.ts';
import { viewDb } from './view-tables.ts';
import { caseRowsCommitted, departing, newCaseRowCache, noteCaseEvent, PRUNE_NOTED_AT, pruneCaseEvents, writeCaseRows, type CaseRowCache } from './case-rows.ts';

/** The score views' name and version: a new version rebuilds beside this one, then replaces it (docs/decisions/1421). */
export const PROJECTION = { name: 'score-views', version: 1 } as const;
const READ_BATCH = 5000;
/** Rows per multi-row upsert (9 parameters each, well under PostgreSQL's 65,535). */
const UPSERT_CHUNK = 500;

/** Cents of a decimal total (documents carry decimals; the column keeps hundredths). */
const cents = (value: number) => Math.round(value * 100);

/** The month after `YYYY-MM`. */
function monthAfter(month: string): string {
  return monthsBetween(month, `${month.slice(0, 4)}-12`)[1] ?? `${Number(month.slice(0, 4)) + 1}-01`;
}

/**
 * What this projection knows of a hall's rows beyond the state: the documents
 * it last wrote per month (to skip unchanged rows) and the last month with
 * views. Kept beside the state, so it goes when the state is evicted.
 */
interface Written {
  months: Map<string, Map<string, string>>;
  pending: Map<string, Map<string, string>>;
  viewsThrough: string | null;
  /** The bad-rating case rows (bad_rating_cases, decision 1431). */
  cases: CaseRowCache;
}

/**
 * The score views (score_views, month_views) as a projection run by
 * `@hall/projections`: folds events into the hall's state, marking dirty from
 * the month each can change, and re-scores the dirty months that are not final
 * (final months are read from their frozen versions).
 */
export class ScoreProjection implements Projection<HallState> {
  readonly name = PROJECTION.name;
  readonly version: number = PROJECTION.version;
  private readonly written = new WeakMap<HallState, Written>();

  constructor(private readonly now: () => Date) {}

  async open(db: Kysely<Database>, hallId: string, through: number): Promise<HallState> {
    const hall = await getHall(db, hallId);
    if (!hall) throw new Error(`projection: unknown hall ${hallId}`);
    // Without a checkpoint (a first run or a rebuild) start from the latest carry-over snapshot: the months
    // before it are final and read from their versions; every month the state can score is dirty (decision 1411).
    const state = await loadHallState(db, hall, through > 0 ? { through } : { snapshotOnly: true });
    let viewsThrough: string | null = null;
    if (through === 0) state.markDirty(state.fromMonth ?? hall.assessmentStartsOn.slice(0, 7));
    else {
      const row = await viewDb(db)
        .selectFrom('month_views')
        .select((eb) => eb.fn.max('period').as('period'))
        .where('hall_id', '=', hallId)
        .where('projection_version', '=', this.version)
        .executeTakeFirst();
      viewsThrough = row?.period ?? null;
      if (viewsThrough === null) state.markDirty(hall.assessmentStartsOn.slice(0, 7));
    }
    this.written.set(state, { months: new Map(), pending: new Map(), viewsThrough, cases: newCaseRowCache() });
    return state;
  }

  position(state: HallState): number {
    return state.position;
  }

  catchUp(db: Kysely<Database>, state: HallState): Promise<void> {
    return this.load(state, db);
  }

  /** Reads events after the state's position (up to `through`) into the state, marking the months they touch dirty. */
  async load(state: HallState, db: Kysely<Database>, through?: number): Promise<void> {
    const cases = this.cacheOf(state).cases;
    if (cases.events.length >= PRUNE_NOTED_AT) await pruneCaseEvents(db, state.hall.hallId, this, cases);
    // Pages are read ahead by streamEvents while this loop folds the previous one.
    for await (const batch of streamEvents(db, state.hall.hallId, { after: state.position, through, batchSize: READ_BATCH })) {
      for (const stored of batch) {
        const event = state.applyStored(stored);
        state.markDirty(earliestTouchedMonth(event, state));
        noteCaseEvent(cases, event);
      }
    }
  }

  private cacheOf(state: HallState): Written {
    return this.written.get(state) ?? this.written.set(state, { months: new Map(), pending: new Map(), viewsThrough: null, cases: newCaseRowCache() }).get(state)!;
  }

  async write(trx: Kysely<Database>, state: HallState, opts: { forget: boolean }): Promise<boolean> {
    const cache = this.cacheOf(state);
    if (opts.forget) {
      cache.months.clear();
      cache.cases.first = true;
    }
    cache.pending.clear();
    // A month that began since the last write has no views yet: write it even without events.
    const current = hallClock(state.hall.timezone).month(this.now().getTime());
    if (cache.viewsThrough !== null && cache.viewsThrough < current) state.markDirty(monthAfter(cache.viewsThrough));
    if (state.dirtyFrom === null) return false;
    const months = this.dirtyMonths(state, state.dirtyFrom);
    await this.rescore(trx, state, months, cache);
    // The cases only change with events (their statuses are computed at read time from the instant).
    await writeCaseRows(trx, state, { hallId: state.hall.hallId, version: this.version, projection: this.name, position: state.position }, cache.cases);
    return true;
  }

  committed(state: HallState): void {
    const cache = this.cacheOf(state);
    for (const [period, next] of cache.pending) {
      cache.months.set(period, next);
      if (cache.viewsThrough === null || period > cache.viewsThrough) cache.viewsThrough = period;
    }
    cache.pending.clear();
    caseRowsCommitted(cache.cases);
    state.dirtyFrom = null;
  }

  /** Call just before the state leaves the months before `fromMonth` behind: their cases are written as they are now. */
  departing(state: HallState, fromMonth: string): void {
    departing(state, this.cacheOf(state).cases, fromMonth);
  }

  async dropVersion(trx: Kysely<Database>, hallId: string, version: number): Promise<void> {
    await viewDb(trx).deleteFrom('score_views').where('hall_id', '=', hallId).where('projection_version', '=', version).execute();
    await viewDb(trx).deleteFrom('month_views').where('hall_id', '=', hallId).where('projection_version', '=', version).execute();
    await viewDb(trx).deleteFrom('bad_rating_cases').where('hall_id', '=', hallId).where('projection_version', '=', version).execute();
  }

  /** Months from `from` to the later of now and the newest event, not yet final. */
  dirtyMonths(state: HallState, from: string): string[] {
    const clock = hallClock(state.hall.timezone);
    const startMonth = state.hall.assessmentStartsOn.slice(0, 7);
    const last = state.lastEventMonth() ?? startMonth;
    const current = clock.month(this.now().getTime());
    const to = [last, current].sort()[1]!;
    const begin = from < startMonth ? startMonth : from;
    return monthsBetween(begin, to).filter((m) => state.period(m).stage !== 'final');
  }

  private async rescore(trx: Kysely<Database>, state: HallState, months: readonly string[], cache: Written): Promise<void> {
    const vdb = viewDb(trx);
    const hallId = state.hall.hallId;
    const version = this.version;
    for (const period of months) {
      const periodState = state.period(period);
      const latest = periodState.versions.at(-1)?.version ?? null;
      const scores = scoreHallMonth(state, period, periodState.stage, latest);
      const previous = cache.months.get(period) ?? new Map<string, string>();
      const next = new Map<string, string>();
      const docs: ScoreDocument[] = [...scores.windows, ...scores.staff];
      const changed: Array<{ doc: ScoreDocument; json: string }> = [];
      for (const doc of docs) {
        const key = `${doc.subject.type}\u0000${doc.subject.id}`;
        const json = JSON.stringify(doc);
        next.set(key, json);
        if (previous.get(key) !== json) changed.push({ doc, json });
      }
      // One multi-row upsert per chunk, not a round trip per document.
      for (let at = 0; at < changed.length; at += UPSERT_CHUNK) {
        await vdb
          .insertInto('score_views')
          .values(
            changed.slice(at, at + UPSERT_CHUNK).map(({ doc, json }) => ({
              hall_id: hallId,
              projection_version: version,
              period,
              subject_type: doc.subject.type,
              subject_id: doc.subject.id,
              total_cents: cents(doc.total),
              veto: doc.veto,
              document: json,
              position: state.position,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['hall_id', 'projection_version', 'period', 'subject_type', 'subject_id']).doUpdateSet((eb) => ({
              total_cents: eb.ref('excluded.total_cents'),
              veto: eb.ref('excluded.veto'),
              document: eb.ref('excluded.document'),
              position: eb.ref('excluded.position'),
            })),
          )
          .execute();
      }
      const gone = previous.size === 0 ? null : [...previous.keys()].filter((key) => !next.has(key));
      if (gone === null || gone.length > 0) {
        // First write of this month by this state: drop rows of subjects no longer scored, in one statement.
        const keepTypes = docs.map((d) => d.subject.type);
        const keepIds = docs.map((d) => d.subject.id);
        await sql`
          delete from score_views s
          where s.hall_id = ${hallId} and s.projection_version = ${version} and s.period = ${period}
            and not exists (select 1 from unnest(${keepTypes}::text[], ${keepIds}::text[]) k(t, i) where k.t = s.subject_type and k.i = s.subject_id)`.execute(trx);
      }
      await vdb
        .insertInto('month_views')
        .values({
          hall_id: hallId,
          projection_version: version,
          period,
          stage: periodState.stage,
          rankings: JSON.stringify(scores.rankings),
          ratings: JSON.stringify(scores.ratings),
          position: state.position,
        })
        .onConflict((oc) =>
          oc.columns(['hall_id', 'projection_version', 'period']).doUpdateSet((eb) => ({
            stage: eb.ref('excluded.stage'),
            rankings: eb.ref('excluded.rankings'),
            ratings: eb.ref('excluded.ratings'),
            position: eb.ref('excluded.position'),
          })),
        )
        .execute();
      cache.pending.set(period, next);
    }
  }
}
