import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentHarness, type AssessmentHarness } from './testing/given-hall.test-helper.ts';
import { viewDb } from './view-tables.ts';
import { ViewWrites } from './view-writes.ts';

const doc = (type: 'window' | 'staff', id: string, total: number) => ({ subject: { type, id }, total, veto: total < 0, note: `${type} ${id} "quoted" \\ 中文` });

describe('the score projection\'s batch writes (view-writes.ts)', () => {
  let t: AssessmentHarness;
  beforeAll(async () => {
    t = await assessmentHarness();
  });
  afterAll(() => t?.close());

  async function rows(hallId: string) {
    const vdb = viewDb(t.database.db);
    const scores = await vdb
      .selectFrom('score_views')
      .select(['period', 'subject_type', 'subject_id', 'total_cents', 'veto', 'document', 'position'])
      .where('hall_id', '=', hallId)
      .where('projection_version', '=', 7)
      .orderBy('period')
      .orderBy('subject_type')
      .orderBy('subject_id')
      .execute();
    const months = await vdb.selectFrom('month_views').select(['period', 'stage', 'rankings', 'ratings', 'position']).where('hall_id', '=', hallId).where('projection_version', '=', 7).orderBy('period').execute();
    return { scores, months };
  }

  it('writes the same rows whether the documents go in one upsert or one per document, and prunes only the months it is told to', async () => {
    const written = [];
    for (const maxChars of [4_000_000, 1]) {
      const hallId = await t.givenHall();
      const vdb = viewDb(t.database.db);
      // Rows of an earlier batch: a subject gone from 2026-09 (pruned) and from 2026-10 (a month not pruned now: kept).
      for (const period of ['2026-09', '2026-10']) {
        await vdb.insertInto('score_views').values({ hall_id: hallId, projection_version: 7, period, subject_type: 'staff', subject_id: 'gone', total_cents: 1, veto: false, document: '{}', position: 1 }).execute();
      }
      await t.database.db.transaction().execute(async (trx) => {
        const writes = new ViewWrites(trx, hallId, 7, 42, maxChars);
        const september = [doc('window', 'w1', 95.25), doc('staff', 's1', -3)];
        for (const d of september) await writes.score('2026-09', d, JSON.stringify(d));
        writes.pruneTo('2026-09', september);
        writes.month('2026-09', 'collecting', JSON.stringify({ windows: ['w1'] }), JSON.stringify([{ ratingId: 'r1' }]));
        const october = doc('window', 'w1', 100);
        await writes.score('2026-10', october, JSON.stringify(october));
        writes.month('2026-10', 'open', '{}', '[]');
        await writes.flush();
      });
      const { scores, months } = await rows(hallId);
      expect(scores.map((r) => `${r.period} ${r.subject_type} ${r.subject_id} ${r.total_cents} ${r.veto} ${r.position}`)).toEqual([
        '2026-09 staff s1 -300 true 42',
        '2026-09 window w1 9525 false 42',
        '2026-10 staff gone 1 false 1',
        '2026-10 window w1 10000 false 42',
      ]);
      expect(scores[1]!.document).toEqual(doc('window', 'w1', 95.25));
      expect(months).toEqual([
        { period: '2026-09', stage: 'collecting', rankings: { windows: ['w1'] }, ratings: [{ ratingId: 'r1' }], position: '42' },
        { period: '2026-10', stage: 'open', rankings: {}, ratings: [], position: '42' },
      ]);
      written.push({ scores, months });
    }
    expect(written[1]).toEqual(written[0]);
  });
});
