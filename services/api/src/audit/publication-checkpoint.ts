import type { Kysely } from 'kysely';
import type { Database, StoredEvent } from '@hall/event-store';
import type { Assessment } from '../assessment/assessment.ts';
import { insertCheckpoint, signCheckpoint } from './checkpoints.ts';
import { registerPublicKey } from './public-keys.ts';

/**
 * Called by publishStep inside the publication's transaction, right after the
 * PeriodAdvanced event is appended: for `final` and `restated` steps, signs
 * and stores the checkpoint covering the history up to and including that
 * event, with the Assessment's key.
 */
export async function checkpointPublication(
  a: Assessment,
  trx: Kysely<Database>,
  p: { hallId: string; period: string; step: string; version: number | null; scoresHash: string | null; appended: readonly StoredEvent[] },
): Promise<void> {
  if (p.step !== 'final' && p.step !== 'restated') return;
  const event = p.appended.find((e) => e.type === 'PeriodAdvanced');
  if (!event || p.version === null || p.scoresHash === null) return;
  const signer = a.signer;
  const body = {
    hallId: p.hallId,
    period: p.period,
    version: p.version,
    position: event.position,
    headHash: event.hash,
    scoresHash: p.scoresHash,
    signedAt: a.clock().toISOString(),
  };
  // The key is recorded with its first checkpoint, so it stays known after a rotation.
  await registerPublicKey(trx, signer, a.clock());
  await insertCheckpoint(trx, signCheckpoint(signer, body));
}
