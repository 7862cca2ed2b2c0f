import { sql } from 'kysely';
import { DomainError, type PeriodStage } from '@hall/contracts';
import { awaitCheckpoint } from '@hall/projections';
import type { HallStates } from './hall-states.ts';
import { PROJECTION } from './projection.ts';

export interface Projected {
  /** The active checkpoint: the history position the views reflect (at least). */
  checkpoint: number;
  head: number;
  /** The projection version whose rows reads use. */
  projectionVersion: number;
}

/**
 * Read-your-writes without projecting: waits, bounded, for the score views'
 * checkpoint to reach the hall's head as of now (kicking this process's
 * runner once), then answers with whatever is there. No lock or mutex is
 * shared with the runner.
 */
export async function projected(a: HallStates, hallId: string): Promise<Projected> {
  const progress = await awaitCheckpoint(a.db, hallId, PROJECTION.name, { boundMs: a.readWaitMs, nudge: () => a.kick(hallId, 0) });
  if (!progress) throw new DomainError('HALL_NOT_FOUND', `Unknown hall ${hallId}`);
  return { head: progress.head, checkpoint: progress.checkpoint, projectionVersion: progress.version ?? PROJECTION.version };
}

export interface MonthHead {
  asOfPosition: number;
  projectionVersion: number;
  /** The live stage (open or collecting) of a month with no published version. */
  stage: PeriodStage;
  /** The latest published version, if any: reads answer with it unless asked for another. */
  published: { version: number; kind: 'preliminary' | 'final' | 'restated' } | null;
}

async function readHead(a: HallStates, hallId: string, period: string, p: Projected): Promise<{ head: MonthHead; viewed: boolean }> {
  const { rows } = await sql<{ version: number | null; kind: 'preliminary' | 'final' | 'restated' | null; stage: string | null }>`
    select
      (select max(v.version) from period_versions v where v.hall_id = ${hallId} and v.period = ${period}) as version,
      (select v.kind from period_versions v where v.hall_id = ${hallId} and v.period = ${period} order by v.version desc limit 1) as kind,
      (select m.stage from month_views m where m.hall_id = ${hallId} and m.projection_version = ${p.projectionVersion} and m.period = ${period}) as stage`.execute(a.db);
  const row = rows[0]!;
  return {
    viewed: row.stage !== null,
    head: {
      asOfPosition: p.checkpoint,
      projectionVersion: p.projectionVersion,
      stage: (row.stage ?? 'open') as PeriodStage,
      published: row.version !== null && row.kind !== null ? { version: row.version, kind: row.kind } : null,
    },
  };
}

/**
 * A month with a published version, read without waiting for the projection
 * (decision 1811): the version's documents are frozen and written in the
 * transaction that appends its PeriodAdvanced event and moves the hall's head,
 * so one statement reading the head and the latest version sees them
 * together; the answer reflects the history through that head. Undefined for
 * a month with nothing published (or an unknown hall): it reads the views.
 */
async function publishedHead(a: HallStates, hallId: string, period: string): Promise<MonthHead | undefined> {
  const { rows } = await sql<{ head: string | null; projection_version: number | null; version: number | null; kind: 'preliminary' | 'final' | 'restated' | null }>`
    select
      (select h.head_position from halls h where h.hall_id = ${hallId}) as head,
      (select c.version from projection_checkpoints c where c.hall_id = ${hallId} and c.projection = ${PROJECTION.name} and c.active) as projection_version,
      (select max(v.version) from period_versions v where v.hall_id = ${hallId} and v.period = ${period}) as version,
      (select v.kind from period_versions v where v.hall_id = ${hallId} and v.period = ${period} order by v.version desc limit 1) as kind`.execute(a.db);
  const row = rows[0];
  if (!row || row.head === null || row.version === null || row.kind === null) return undefined;
  return {
    asOfPosition: Number(row.head),
    projectionVersion: row.projection_version ?? PROJECTION.version,
    stage: 'open',
    published: { version: row.version, kind: row.kind },
  };
}

/**
 * What a month's read answers from, once the views are caught up (bounded).
 * A published month answers at once from its version ({@link publishedHead}).
 * A live month the runner has not written yet (one that began since its last
 * batch) is waited for too, within the same bound.
 */
export async function monthHead(a: HallStates, hallId: string, period: string): Promise<MonthHead> {
  const started = performance.now();
  const published = await publishedHead(a, hallId, period);
  if (published) return published;
  let p = await projected(a, hallId);
  let { head, viewed } = await readHead(a, hallId, period, p);
  if (head.published || viewed) return head;
  a.kick(hallId, 0);
  while (performance.now() - started < a.readWaitMs) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    p = { ...p, checkpoint: (await projected(a, hallId)).checkpoint };
    ({ head, viewed } = await readHead(a, hallId, period, p));
    if (head.published || viewed) return head;
  }
  return head;
}
