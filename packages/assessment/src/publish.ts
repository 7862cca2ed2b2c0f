import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type RankingEntry, type ScoreDocument, type LineItem } from '@hall/contracts';
import { canonicalJson, lockHall, type Database } from '@hall/event-store';
import { decideTransition, type PublishedVersion } from '@hall/scoring';
import type { HallStates } from './hall-states.ts';
import type { HallState } from './hall-state.ts';
import { scoreHallMonth } from './scorer.ts';
import { loadHallState, storeSnapshot } from './load-hall-state.ts';
import { viewDb } from './view-tables.ts';
import { insertPublishedDocuments } from './published-documents.ts';
import { readVersion } from './reads.ts';
import { periodDocument } from './late-events.ts';
import { checkpointPublication } from './audit/publication-checkpoint.ts';
import type { AuditSigner } from './audit/signer.ts';
import { appendServiceEvents } from './append-service-events.ts';
import { fail, succeed, type Outcome } from './outcome.ts';

type Step = 'collecting' | 'preliminary' | 'final' | 'restated';

/** sha256 over the canonical JSON of what a version publishes: the scores an auditor re-computes. */
export function scoresHash(published: { windows: unknown; staff: unknown; rankings: unknown }): string {
  const text = canonicalJson({ windows: published.windows, staff: published.staff, rankings: published.rankings });
  return createHash('sha256').update(text).digest('hex');
}

/** Deterministic ids make a repeated transition a no-op at the store (habit 15, `period:<hall>:<month>:<stage>`). */
function transitionEventId(hallId: string, period: string, step: Step, version: number | null): string {
  return step === 'restated' ? `period:${hallId}:${period}:restated:${version}` : `period:${hallId}:${period}:${step}`;
}

/**
 * Appends one period move inside `trx` (which holds the hall's lock) and, for
 * stages that publish, freezes the scores computed through the head.
 */
async function publishStep(
  a: HallStates,
  signer: AuditSigner,
  trx: Kysely<Database>,
  state: HallState,
  period: string,
  step: Step,
  trigger: 'schedule' | 'supervisor',
  reason?: string,
  scoring: HallState = state,
) {
  const periodState = state.period(period);
  const publishes = step !== 'collecting';
  const version = publishes ? (periodState.versions.at(-1)?.version ?? 0) + 1 : null;
  const through = state.position;
  let hash: string | null = null;
  if (publishes && version !== null) {
    const stage = step === 'preliminary' ? 'preliminary' : 'final';
    const scores = scoreHallMonth(scoring, period, stage, version);
    hash = scoresHash(scores);
    await viewDb(trx)
      .insertInto('period_versions')
      .values({
        hall_id: state.hall.hallId,
        period,
        version,
        kind: step,
        published_at: a.clock(),
        computed_through: through,
        scores_hash: hash,
        catalogue_version: scores.catalogueVersion,
        windows: JSON.stringify(scores.windows),
        staff: JSON.stringify(scores.staff),
        rankings: JSON.stringify(scores.rankings),
        ratings: JSON.stringify(scores.ratings),
      })
      .execute();
    // The same documents, one row per subject, for reads (decision 1811).
    await insertPublishedDocuments(trx, state.hall.hallId, { period, version });
  }
  const outcome = await appendServiceEvents(
    a,
    state.hall.hallId,
    [
      {
        id: transitionEventId(state.hall.hallId, period, step, version),
        type: 'PeriodAdvanced',
        occurredAt: a.clock().toISOString(),
        data: { period, to: step, version, computedThrough: publishes ? through : null, scoresHash: hash, trigger, ...(reason ? { reason } : {}) },
      },
    ],
    trx,
  );
  await checkpointPublication(trx, { signer, clock: a.clock }, { hallId: state.hall.hallId, period, step, version, scoresHash: hash, appended: outcome.appended });
  // Fold the new event in at once so the next step of this move sees it.
  await a.projection.load(state, trx);
  if (step === 'final') await carryOverOpenMonths(a, trx, state);
}

/**
 * A month just became final: the state keeps only what crosses into the
 * earliest month still open and stores that as the month's carry-over
 * snapshot, in the same transaction (decision 1411).
 */
async function carryOverOpenMonths(a: HallStates, trx: Kysely<Database>, state: HallState): Promise<void> {
  let month = state.hall.assessmentStartsOn.slice(0, 7);
  while (state.period(month).stage === 'final') month = nextMonth(month);
  if (state.fromMonth !== null && month <= state.fromMonth) return;
  // The cases of the months left behind reach their rows as they are now, also if the last batch did not see them.
  a.projection.departing(state, month);
  const carried = state.compact(month);
  await storeSnapshot(trx, state, month, carried, a.clock());
}

function nextMonth(period: string): string {
  const [y, m] = [Number(period.slice(0, 4)), Number(period.slice(5, 7))];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * Takes the hall's lock for the rest of the transaction (the append lock, then the row: the order every
 * writer of the hall keeps, decision 1821) and brings the state to the head.
 */
async function lockAndLoad(a: HallStates, trx: Kysely<Database>, state: HallState): Promise<void> {
  await lockHall(trx, state.hall.hallId);
  await a.projection.load(state, trx);
}

/**
 * Moves a month forward to `to` (docs/domain.md §6): decided under the hall's lock, so
 * two schedulers or a retried job publish each version once. A move the
 * lifecycle refuses (not ended, backwards) is a failed outcome; nothing is written.
 */
export async function advancePeriod(
  a: HallStates,
  signer: AuditSigner,
  hallId: string,
  period: string,
  to: 'collecting' | 'preliminary' | 'final',
  trigger: 'schedule' | 'supervisor',
  now: Date = a.clock(),
) {
  return a.mutex.run(hallId, async (): Promise<Outcome<Awaited<ReturnType<typeof periodDocument>>>> => {
    const state = await a.catchUpLocked(hallId);
    const refused = await a.inHallTransaction(hallId, async (trx) => {
      await lockAndLoad(a, trx, state);
      const decision = decideTransition(state.period(period), to, now.getTime(), state.hall.timezone);
      if (!decision.ok) return fail(decision.code, decision.message);
      for (const step of decision.steps) await publishStep(a, signer, trx, state, period, step, trigger);
      return undefined;
    });
    if (refused) return refused;
    await a.flushLocked(hallId);
    return succeed(await periodDocument(a, state, period));
  });
}

function lineItemsById(doc: ScoreDocument | undefined): Map<string, LineItem> {
  return new Map((doc?.lineItems ?? []).map((item) => [item.id, item]));
}

function rankOf(rankings: { approval: RankingEntry[]; public_service: RankingEntry[] }, windowId: string): RankingEntry | undefined {
  return rankings.approval.find((r) => r.windowId === windowId) ?? rankings.public_service.find((r) => r.windowId === windowId);
}

/**
 * Publishes version n+1 of a final month and the diff against version n
 * (docs/integration.md "Periods"); a month not final is a failed outcome.
 */
export async function restatePeriod(a: HallStates, signer: AuditSigner, hallId: string, period: string, reason: string) {
  return a.mutex.run(hallId, async () => {
    const state = await a.catchUpLocked(hallId);
    let previous: PublishedVersion | undefined;
    const refused = await a.inHallTransaction(hallId, async (trx) => {
      await lockAndLoad(a, trx, state);
      const periodState = state.period(period);
      if (periodState.stage !== 'final') return fail('PERIOD_NOT_FINAL', `${period} is ${periodState.stage}; only final months are restated`);
      previous = periodState.versions.at(-1);
      // The live state holds only what the open months need: a final month is scored from its own snapshot and the events after it.
      const scoring = state.fromMonth !== null && period < state.fromMonth ? await loadHallState(trx, state.hall, { forMonth: period }) : state;
      await publishStep(a, signer, trx, state, period, 'restated', 'supervisor', reason, scoring);
      return undefined;
    });
    if (refused) return refused;
    await a.flushLocked(hallId);
    const before = await readVersion(a, hallId, period, previous!.version);
    const after = await readVersion(a, hallId, period, state.period(period).versions.at(-1)!.version);
    if (!before || !after) throw new Error(`versions of ${period} missing after restatement`);
    return succeed({ version: after.version, diff: diffVersions(before, after) });
  });
}

export function diffVersions(
  before: { version: number; windows: ScoreDocument[]; staff: ScoreDocument[]; rankings: { approval: RankingEntry[]; public_service: RankingEntry[] } },
  after: { version: number; windows: ScoreDocument[]; staff: ScoreDocument[]; rankings: { approval: RankingEntry[]; public_service: RankingEntry[] } },
) {
  const subjects = [];
  for (const type of ['window', 'staff'] as const) {
    const beforeDocs = new Map((type === 'window' ? before.windows : before.staff).map((d) => [d.subject.id, d]));
    const afterDocs = new Map((type === 'window' ? after.windows : after.staff).map((d) => [d.subject.id, d]));
    const ids = [...new Set([...beforeDocs.keys(), ...afterDocs.keys()])].sort();
    for (const id of ids) {
      const b = beforeDocs.get(id);
      const c = afterDocs.get(id);
      const rb = type === 'window' ? rankOf(before.rankings, id) : undefined;
      const rc = type === 'window' ? rankOf(after.rankings, id) : undefined;
      const itemsBefore = lineItemsById(b);
      const itemsAfter = lineItemsById(c);
      const lineItemsAdded = [...itemsAfter.values()].filter((item) => !itemsBefore.has(item.id) && item.status === 'counted');
      const lineItemsVoided = [...itemsBefore.values()].filter(
        (item) => item.status === 'counted' && (itemsAfter.get(item.id)?.status ?? 'voided') === 'voided',
      );
      const changed =
        b?.total !== c?.total ||
        rb?.rank !== rc?.rank ||
        (rb?.honour ?? null) !== (rc?.honour ?? null) ||
        lineItemsAdded.length > 0 ||
        lineItemsVoided.length > 0;
      if (!changed) continue;
      subjects.push({
        subject: { type, id },
        totalBefore: b?.total ?? null,
        totalAfter: c?.total ?? null,
        rankBefore: rb?.rank ?? null,
        rankAfter: rc?.rank ?? null,
        honourBefore: rb?.honour ?? null,
        honourAfter: rc?.honour ?? null,
        lineItemsAdded,
        lineItemsVoided,
      });
    }
  }
  return { fromVersion: before.version, toVersion: after.version, subjects };
}
