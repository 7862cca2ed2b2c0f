import type { Kysely } from 'kysely';
import type { Database } from '@hall/event-store';
import { streamEvents } from '@hall/event-store';
import type { ScoreDocument } from '@hall/contracts';
import { hallClock } from '@hall/scoring';
import { toAssessmentEvent, type HallState } from './hall-state.ts';
import { earliestTouchedMonth, monthsBetween } from './touched-months.ts';
import { scoreHallMonth } from './scorer.ts';
import { viewDb } from './view-tables.ts';

export const PROJECTION = { name: 'score-views', version: 1 } as const;
const READ_BATCH = 5000;
/** Rows per multi-row upsert (8 parameters each, well under PostgreSQL's 65,535). */
const UPSERT_CHUNK = 500;

/** Cents of a decimal total (documents carry decimals; the column keeps hundredths). */
const cents = (value: number) => Math.round(value * 100);

/**
 * Moves a hall's in-memory state to the head of its history and re-scores
 * the months the new events can change, writing the changed score documents,
 * the month's rankings and the checkpoint in one transaction. Final months are
 * never re-scored: they are read from their frozen versions.
 */
export class ScoreProjection {
  /**
   * Last document written per hall and month, then subject, to skip unchanged
   * rows. Keyed by hall too: one projection serves every hall of the process,
   * and two halls can hold identical documents (same ids, no events yet).
   */
  private readonly written = new Map<string, Map<string, string>>();

  /** Test seam: runs inside the transaction just before it commits (a crash here must lose nothing). */
  beforeCommit: () => void = () => undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date,
  ) {}

  /** Reads events after the state's position (up to `through`) into the state, marking the months they touch dirty. */
  async load(state: HallState, db: Kysely<Database> = this.db, through?: number): Promise<void> {
    // Pages are read ahead by streamEvents while this loop folds the previous one.
    for await (const batch of streamEvents(db, state.hall.hallId, { after: state.position, through, batchSize: READ_BATCH })) {
      for (const stored of batch) {
        const event = toAssessmentEvent(stored);
        state.apply(event);
        state.markDirty(earliestTouchedMonth(event, state));
      }
    }
  }

  /** Re-scores the months the loaded events made dirty, if any. */
  async flush(state: HallState): Promise<void> {
    if (state.dirtyFrom === null) return;
    const months = this.dirtyMonths(state, state.dirtyFrom);
    await this.rescore(state, months);
    state.dirtyFrom = null;
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

  async rescore(state: HallState, months: readonly string[]): Promise<void> {
    const vdb = viewDb(this.db);
    const hallId = state.hall.hallId;
    // What this transaction writes becomes "written" only once it has committed.
    const committed = new Map<string, Map<string, string>>();
    await vdb.transaction().execute(async (trx) => {
      for (const period of months) {
        const periodState = state.period(period);
        const latest = periodState.versions.at(-1)?.version ?? null;
        const scores = scoreHallMonth(state, period, periodState.stage, latest);
        const previous = this.written.get(`${hallId}\u0000${period}`) ?? new Map<string, string>();
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
          await trx
            .insertInto('score_views')
            .values(
              changed.slice(at, at + UPSERT_CHUNK).map(({ doc, json }) => ({
                hall_id: hallId,
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
              oc.columns(['hall_id', 'period', 'subject_type', 'subject_id']).doUpdateSet((eb) => ({
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
          // First write of this month in this process: drop rows of subjects no longer scored.
          const keep = new Set(docs.map((d) => `${d.subject.type}:${d.subject.id}`));
          const rows = await trx
            .selectFrom('score_views')
            .select(['subject_type', 'subject_id'])
            .where('hall_id', '=', hallId)
            .where('period', '=', period)
            .execute();
          for (const row of rows) {
            if (!keep.has(`${row.subject_type}:${row.subject_id}`)) {
              await trx
                .deleteFrom('score_views')
                .where('hall_id', '=', hallId)
                .where('period', '=', period)
                .where('subject_type', '=', row.subject_type)
                .where('subject_id', '=', row.subject_id)
                .execute();
            }
          }
        }
        await trx
          .insertInto('month_views')
          .values({ hall_id: hallId, period, rankings: JSON.stringify(scores.rankings), ratings: JSON.stringify(scores.ratings), position: state.position })
          .onConflict((oc) =>
            oc.columns(['hall_id', 'period']).doUpdateSet((eb) => ({
              rankings: eb.ref('excluded.rankings'),
              ratings: eb.ref('excluded.ratings'),
              position: eb.ref('excluded.position'),
            })),
          )
          .execute();
        committed.set(period, next);
      }
      await trx
        .insertInto('projection_checkpoints')
        .values({ hall_id: hallId, projection: PROJECTION.name, version: PROJECTION.version, position: state.position, updated_at: this.now() })
        .onConflict((oc) =>
          oc.columns(['hall_id', 'projection']).doUpdateSet((eb) => ({
            version: eb.ref('excluded.version'),
            position: eb.ref('excluded.position'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
      this.beforeCommit();
    });
    for (const [period, next] of committed) this.written.set(`${hallId}\u0000${period}`, next);
  }

  /** Forget what was written (after a rebuild drops the rows). */
  reset(): void {
    this.written.clear();
  }
}
