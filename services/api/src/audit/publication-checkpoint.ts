import type { Kysely } from 'kysely';
import type { Database, StoredEvent } from '@hall/event-store';
import type { Assessment } from '../assessment/assessment.ts';
import { insertCheckpoint, signCheckpoint } from './checkpoints.ts';
import type { AuditSigner } from './signer.ts';

const signers = new WeakMap<Assessment, AuditSigner>();

/**
 * Gives an Assessment the key its final and restated publications are signed
 * with. The composition roots (server.ts, buildApp) call this; kept beside
 * the Assessment rather than inside it so publishing needs no new parameter.
 */
export function bindAuditSigner(a: Assessment, signer: AuditSigner): void {
  signers.set(a, signer);
}

/** The signer bound to `a` (its public half verifies). Throws when none was bound: a wiring bug. */
export function auditSignerOf(a: Assessment): AuditSigner {
  const signer = signers.get(a);
  if (!signer) throw new Error('no audit signer bound to this Assessment (buildApp binds one)');
  return signer;
}

/**
 * Called by publishStep inside the publication's transaction, right after the
 * PeriodAdvanced event is appended: for `final` and `restated` steps, signs
 * and stores the checkpoint covering the history up to and including that
 * event. Without a bound signer it logs and stores nothing (the verify then
 * reports the publication's checkpoint as missing).
 */
export async function checkpointPublication(
  a: Assessment,
  trx: Kysely<Database>,
  p: { hallId: string; period: string; step: string; version: number | null; scoresHash: string | null; appended: readonly StoredEvent[] },
): Promise<void> {
  if (p.step !== 'final' && p.step !== 'restated') return;
  const event = p.appended.find((e) => e.type === 'PeriodAdvanced');
  if (!event || p.version === null || p.scoresHash === null) return;
  const signer = signers.get(a);
  if (!signer) {
    a.log?.error({ hallId: p.hallId, period: p.period, version: p.version }, 'no audit signer bound: publication stored without a signed checkpoint');
    return;
  }
  const body = {
    hallId: p.hallId,
    period: p.period,
    version: p.version,
    position: event.position,
    headHash: event.hash,
    scoresHash: p.scoresHash,
    signedAt: a.clock().toISOString(),
  };
  await insertCheckpoint(trx, signCheckpoint(signer, body));
}
