import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '@hall/event-store';

/*
 * The score projection's writes of one batch, gathered over all the months it
 * re-scores and sent as a few statements of fixed text (named prepared
 * statements, see the store's connect.ts) instead of three per month: one
 * upsert of the changed subject rows, one delete of the subjects no longer
 * scored, one upsert of the month rows. Columns go as one array each; the
 * JSON documents as one JSON array text (joined, never re-escaped), unpacked
 * by `jsonb_array_elements` beside the arrays in `rows from (…)`.
 */

const UPSERT_SCORES = `/*prepared:score_views_upsert*/
insert into score_views (hall_id, projection_version, period, subject_type, subject_id, total_cents, veto, document, position)
select $1, $2, u.period, u.subject_type, u.subject_id, u.total_cents, u.veto, u.document, $3
from rows from (unnest($4::text[]), unnest($5::text[]), unnest($6::text[]), unnest($7::integer[]), unnest($8::boolean[]), jsonb_array_elements($9::jsonb))
  as u(period, subject_type, subject_id, total_cents, veto, document)
on conflict (hall_id, projection_version, period, subject_type, subject_id) do update
  set total_cents = excluded.total_cents, veto = excluded.veto, document = excluded.document, position = excluded.position`;

/*
 * NOT IN, not NOT EXISTS: PostgreSQL runs it as one hashed subplan of the kept
 * keys (none is null). NOT EXISTS was planned as a nested loop anti join over
 * the freshly written rows (no statistics yet): every row against every kept
 * key, 67 ms for a hall's 12 months of 60 subjects against 0.5 ms.
 */
const PRUNE_SCORES = `/*prepared:score_views_prune*/
delete from score_views s
where s.hall_id = $1 and s.projection_version = $2 and s.period = any($3::text[])
  and (s.period, s.subject_type, s.subject_id) not in (select * from unnest($4::text[], $5::text[], $6::text[]))`;

const UPSERT_MONTHS = `/*prepared:month_views_upsert*/
insert into month_views (hall_id, projection_version, period, stage, rankings, ratings, position)
select $1, $2, u.period, u.stage, u.rankings, u.ratings, $3
from rows from (unnest($4::text[]), unnest($5::text[]), jsonb_array_elements($6::jsonb), jsonb_array_elements($7::jsonb)) as u(period, stage, rankings, ratings)
on conflict (hall_id, projection_version, period) do update
  set stage = excluded.stage, rankings = excluded.rankings, ratings = excluded.ratings, position = excluded.position`;

/** Document text per upsert statement at most (a batch of many busy months is split, not sent as one huge parameter). */
const MAX_DOCUMENT_CHARS = 4_000_000;

/** Cents of a decimal total (documents carry decimals; the column keeps hundredths). */
const cents = (value: number) => Math.round(value * 100);

interface ScoreRow {
  subject: { type: string; id: string };
  total: number;
  veto: boolean;
}

/** One batch's rows of `score_views` and `month_views` for one hall and projection version, written by `flush`. */
export class ViewWrites {
  private scores = emptyScores();
  private readonly prune = { periods: [] as string[], keepPeriods: [] as string[], keepTypes: [] as string[], keepIds: [] as string[] };
  private readonly months = { periods: [] as string[], stages: [] as string[], rankings: [] as string[], ratings: [] as string[] };

  constructor(
    private readonly trx: Kysely<Database>,
    private readonly hallId: string,
    private readonly version: number,
    private readonly position: number,
    private readonly maxDocumentChars = MAX_DOCUMENT_CHARS,
  ) {}

  /** A subject's document changed (or is new): `json` is `JSON.stringify(doc)`. */
  async score(period: string, doc: ScoreRow, json: string): Promise<void> {
    const s = this.scores;
    s.periods.push(period);
    s.types.push(doc.subject.type);
    s.ids.push(doc.subject.id);
    s.totals.push(cents(doc.total));
    s.vetoes.push(doc.veto);
    s.documents.push(json);
    s.chars += json.length;
    if (s.chars >= this.maxDocumentChars) await this.flushScores();
  }

  /** The month's rows are exactly `docs`: rows of other subjects go. */
  pruneTo(period: string, docs: readonly ScoreRow[]): void {
    this.prune.periods.push(period);
    for (const doc of docs) {
      this.prune.keepPeriods.push(period);
      this.prune.keepTypes.push(doc.subject.type);
      this.prune.keepIds.push(doc.subject.id);
    }
  }

  /** The month's row: `rankings` and `ratings` as JSON text. */
  month(period: string, stage: string, rankings: string, ratings: string): void {
    this.months.periods.push(period);
    this.months.stages.push(stage);
    this.months.rankings.push(rankings);
    this.months.ratings.push(ratings);
  }

  /** Sends what is gathered, in the batch's transaction. */
  async flush(): Promise<void> {
    await this.flushScores();
    const head = [this.hallId, this.version];
    const p = this.prune;
    if (p.periods.length > 0) await this.run(PRUNE_SCORES, [...head, p.periods, p.keepPeriods, p.keepTypes, p.keepIds]);
    const m = this.months;
    if (m.periods.length > 0) await this.run(UPSERT_MONTHS, [...head, this.position, m.periods, m.stages, jsonArray(m.rankings), jsonArray(m.ratings)]);
  }

  private async flushScores(): Promise<void> {
    const s = this.scores;
    if (s.periods.length === 0) return;
    this.scores = emptyScores();
    await this.run(UPSERT_SCORES, [this.hallId, this.version, this.position, s.periods, s.types, s.ids, s.totals, s.vetoes, jsonArray(s.documents)]);
  }

  private async run(text: string, parameters: unknown[]): Promise<void> {
    await this.trx.executeQuery(CompiledQuery.raw(text, parameters));
  }
}

function emptyScores() {
  return { periods: [] as string[], types: [] as string[], ids: [] as string[], totals: [] as number[], vetoes: [] as boolean[], documents: [] as string[], chars: 0 };
}

/** JSON texts as the text of one JSON array of them (each is already valid JSON). */
function jsonArray(texts: readonly string[]): string {
  return `[${texts.join(',')}]`;
}
