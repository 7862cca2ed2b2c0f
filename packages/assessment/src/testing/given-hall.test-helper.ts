import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { readEvents, type Database } from '@hall/event-store';
import { scoreMonth } from '@hall/scoring';
import { toAssessmentEvent } from '../hall-state.ts';
import { viewDb } from '../view-tables.ts';
import { appendRequest, type IncomingEvent } from '@hall/contracts';
import { createTestDatabase, type TestDatabase } from '@hall/testing';
import { appendClientEvents } from '../append-client-events.ts';
import { createHall } from '../create-hall.ts';
import { HallStates } from '../hall-states.ts';

/** Test support (not a test): the use cases over a fresh PostgreSQL database and a movable clock, no HTTP. */
export interface AssessmentHarness {
  database: TestDatabase;
  halls: HallStates;
  now(): Date;
  setNow(iso: string): void;
  /** Creates a hall with the default catalogue, as the operator would. */
  givenHall(input?: { assessmentStartsOn?: string; autoAdvance?: boolean }): Promise<string>;
  /** Appends a batch as a supervisor client would: parsed by the contract first, then the append use case. */
  post(hallId: string, events: Array<{ id: string; type: string; occurredAt: string; data: Record<string, unknown> }>): Promise<void>;
  close(): Promise<void>;
}

export async function assessmentHarness(opts: { now?: string } = {}): Promise<AssessmentHarness> {
  const database = await createTestDatabase();
  let now = new Date(opts.now ?? '2026-11-26T04:00:00Z');
  const clock = () => now;
  const halls = new HallStates(database.db, clock);
  // Reads wait for the runner as long as a loaded test machine needs: their bound is not what is tested here.
  halls.readWaitMs = 60_000;
  return {
    database,
    halls,
    now: clock,
    setNow: (iso) => {
      now = new Date(iso);
    },
    givenHall: async (input = {}) => {
      const hallId = randomUUID();
      const created = await createHall(halls, {
        hallId,
        name: 'Test hall',
        timezone: 'Asia/Shanghai',
        assessmentStartsOn: input.assessmentStartsOn ?? '2026-09-01',
        autoAdvance: input.autoAdvance ?? false,
      });
      if (!created.ok) throw new Error(`hall not created: ${created.error.code}`);
      return hallId;
    },
    post: async (hallId, events) => {
      const { events: parsed } = appendRequest.parse({ events }) as { events: IncomingEvent[] };
      const outcome = await appendClientEvents(halls, hallId, 'test-supervisor', parsed);
      if (!outcome.ok) throw new Error(`events rejected: ${outcome.error.code} ${outcome.error.message}`);
    },
    close: () => database.drop(),
  };
}

/** Expects the hall's score views of `period` (open) to be exactly the pure scorer's documents over the stored history. */
export async function expectViewsOfPureScorer(db: Kysely<Database>, hallId: string, period: string): Promise<void> {
  const history = (await readEvents(db, hallId, { after: 0, limit: 100_000 })).map(toAssessmentEvent);
  const pure = scoreMonth(history, period, { stage: 'open', version: null });
  const rows = await viewDb(db).selectFrom('score_views').select(['subject_type', 'subject_id', 'document']).where('hall_id', '=', hallId).where('period', '=', period).execute();
  expect(rows).toHaveLength(pure.windows.length + pure.staff.length);
  for (const doc of [...pure.windows, ...pure.staff]) {
    const row = rows.find((r) => r.subject_type === doc.subject.type && r.subject_id === doc.subject.id);
    expect(row?.document).toEqual(JSON.parse(JSON.stringify(doc)));
  }
}
