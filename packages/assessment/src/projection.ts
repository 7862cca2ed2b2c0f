import type { Kysely } from 'kysely';
import { eventBodiesOf, getHall, streamEventBodies, type Database, type EventBody } from '@hall/event-store';
import type { ScoreDocument } from '@hall/contracts';
import type { Projection } from '@hall/projections';
import { hallClock } from '@hall/scoring';
import type { HallState } from './hall-state.ts';
import { loadHallState } from './load-hall-state.ts';
import { earliestTouchedMonth, monthsBetween } from './touched-months.ts';
import { scoreHallMonth } from './scorer.ts';
import { viewDb } from './view-tables.ts';
import { dropLateEvents, lateEventsCommitted, noteFolded, noteUnfolded, writeLateEvents } from './late-event-rows.ts';
import { ViewWrites } from './view-writes.ts';
import type { HandedOffRuns } from './handed-off-runs.ts';
import { caseRowsCommitted, departing, newCaseRowCache, noteCaseEvent, PRUNE_NOTED_AT, pruneCaseEvents, writeCaseRows, type CaseRowCache } from './case-rows.ts';

/** The score views' name and version: a new version rebuilds beside this one, then replaces it (docs/decisions/1421). */
export const PROJECTION = { name: 'score-views', version: 1 } as const;
const READ_BATCH = 5000;

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
  /** Runs this process committed and handed over (decision 1931): folded instead of read back. */
  handedOff: HandedOffRuns | undefined;

  constructor(private readonly now: () => Date) {}

  async open(db: Kysely<Database>, hallId: string, through: number): Promise<HallState> {
    const hall = await getHall(db, hallId);
    if (!hall) throw new Error(`projection: unknown hall ${hallId}`);
    // Without a checkpoint (a first run or a rebuild) start from the latest carry-over snapshot: the months
    // before it are final and read from their versions; every month the state can score is dirty (decision 1411).
    const state = await loadHallState(db, hall, through > 0 ? { through } : { snapshotOnly: true });
    let viewsThrough: string | null = null;
    if (through === 0) {
      state.markDirty(state.fromMonth ?? hall.assessmentStartsOn.slice(0, 7));
      await noteUnfolded(db, state);
    } else {
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
    // Re-scoring never starts before the hall's first month (`dirtyMonths`): once dirty from there (a rebuild, a
    // first run), no event can widen it, so placing each event in months would be work for nothing.
    const firstMonth = state.hall.assessmentStartsOn.slice(0, 7);
    // Pages are read ahead while this loop folds the previous one; bodies only (no hashes: nothing here checks the chain).
    for await (const batch of this.bodiesAfter(db, state.hall.hallId, state.position, through)) {
      for (const stored of batch) {
        const event = state.applyStored(stored);
        if (state.dirtyFrom === null || state.dirtyFrom > firstMonth) state.markDirty(earliestTouchedMonth(event, state));
        noteFolded(state, event, stored.position);
        noteCaseEvent(cases, event);
      }
    }
  }

  /**
   * The hall's events after `after` (through `through`), in pages: the runs
   * handed over where they continue the history, the store's rows for the
   * rest (decision 1931). Stops where the store has no more, as the read alone did.
   */
  private async *bodiesAfter(db: Kysely<Database>, hallId: string, after: number, through: number | undefined): AsyncIterable<EventBody[]> {
    for (;;) {
      if (through !== undefined && after >= through) return;
      const { run, nextFrom } = this.handedOff?.next(hallId, after) ?? {};
      if (run) {
        let bodies = eventBodiesOf(run);
        if (run.from <= after) bodies = bodies.slice(after + 1 - run.from);
        if (through !== undefined && bodies.at(-1)!.position > through) bodies = bodies.slice(0, through - bodies[0]!.position + 1);
        yield bodies;
        after = bodies.at(-1)!.position;
        continue;
      }
      // From the store up to the next run held (or `through`, or the head).
      const upTo = nextFrom === undefined ? through : Math.min(through ?? Infinity, nextFrom - 1);
      for await (const page of streamEventBodies(db, hallId, { after, through: upTo, batchSize: READ_BATCH })) {
        yield page;
        after = page.at(-1)!.position;
      }
      // The store ended before the run held (it cannot, positions commit in order): stop, the next batch reads on.
      if (nextFrom === undefined || after !== nextFrom - 1) return;
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
    // The late events of final months (late-event-rows.ts), whether or not a month is re-scored.
    await writeLateEvents(trx, state, this.version);
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
    lateEventsCommitted(state);
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
    await dropLateEvents(trx, hallId, version);
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
    const writes = new ViewWrites(trx, state.hall.hallId, this.version, state.position);
    for (const period of months) {
      const periodState = state.period(period);
      const latest = periodState.versions.at(-1)?.version ?? null;
      const scores = scoreHallMonth(state, period, periodState.stage, latest);
      const previous = cache.months.get(period) ?? new Map<string, string>();
      const next = new Map<string, string>();
      const docs: ScoreDocument[] = [...scores.windows, ...scores.staff];
      for (const doc of docs) {
        const key = `${doc.subject.type}\u0000${doc.subject.id}`;
        const json = JSON.stringify(doc);
        next.set(key, json);
        if (previous.get(key) !== json) await writes.score(period, doc, json);
      }
      // First write of this month by this state, or subjects gone: drop rows of subjects no longer scored.
      if (previous.size === 0 || [...previous.keys()].some((key) => !next.has(key))) writes.pruneTo(period, docs);
      writes.month(period, periodState.stage, JSON.stringify(scores.rankings), JSON.stringify(scores.ratings));
      cache.pending.set(period, next);
    }
    // A few statements for all the months (view-writes.ts), not three per month.
    await writes.flush();
  }
}
