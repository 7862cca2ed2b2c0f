import type { Kysely } from 'kysely';
import type { Database, StoredEvent } from '@hall/event-store';
import { insertCheckpoint, signCheckpoint } from './checkpoints.ts';
import type { AuditSigner } from './signer.ts';
import { registerPublicKey } from './public-keys.ts';

/**
 * Called by publishStep inside the publication's transaction, right after the
 * PeriodAdvanced event is appended: for `final` and `restated` steps, signs
 * and stores the checkpoint covering the history up to and including that
 * event.
 */
export async function checkpointPublication(
  trx: Kysely<Database>,
  deps: { signer: AuditSigner; clock: () => Date },
  p: { hallId: string; period: string; step: string; version: number | null; scoresHash: string | null; appended: readonly StoredEvent[] },
): Promise<void> {
  if (p.step !== 'final' && p.step !== 'restated') return;
  const event = p.appended.find((e) => e.type === 'PeriodAdvanced');
  if (!event || p.version === null || p.scoresHash === null) return;
  const body = {
    hallId: p.hallId,
    period: p.period,
    version: p.version,
    position: event.position,
    headHash: event.hash,
    scoresHash: p.scoresHash,
    signedAt: deps.clock().toISOString(),
  };
  // The key is recorded with its first checkpoint, so it stays known after a rotation.
  await registerPublicKey(trx, deps.signer, deps.clock());
  await insertCheckpoint(trx, signCheckpoint(deps.signer, body));
}
