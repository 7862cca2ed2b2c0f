import type { Kysely } from 'kysely';
import { firstRowPastHead, streamChainLinks, type Database } from '@hall/event-store';
import { ChainWalk, judgeCheckpoints, type HistoryVerification } from './chain-walk.ts';
import { listCheckpoints } from './checkpoints.ts';
import type { AuditVerifier } from './signer.ts';

/** Rows per read: large enough that round trips do not dominate, small enough to stay a few MB. */
export const VERIFY_BATCH = 5000;

/**
 * Verifies a hall's history in the database: the hash chain from position 1
 * to the head the hall row records (see the store's verifyChain), rows past
 * that head, and every signed checkpoint (signature, hash still at its
 * position, a checkpoint for every final or restated publication). The next
 * batch is read while the current one is hashed. `onProgress` gets the
 * number of events walked so far. Throws for an unknown hall.
 */
export async function verifyHall(
  db: Kysely<Database>,
  hallId: string,
  verifier: AuditVerifier,
  opts: { batchSize?: number; onProgress?: (walked: number, head: number) => void } = {},
): Promise<HistoryVerification> {
  const hall = await db.selectFrom('halls').select(['head_position', 'head_hash']).where('hall_id', '=', hallId).executeTakeFirst();
  if (!hall) throw new Error(`unknown hall ${hallId}`);
  const head = { position: Number(hall.head_position), hash: hall.head_hash };
  const checkpoints = await listCheckpoints(db, hallId);
  const walk = new ChainWalk(hallId, new Set(checkpoints.map((c) => c.position)));

  // A snapshot through the head read above: appends racing the walk are not judged.
  if (head.position > 0) {
    const links = streamChainLinks(db, hallId, { through: head.position, batchSize: opts.batchSize ?? VERIFY_BATCH, wanted: walk.wants });
    for await (const batch of links) {
      if (!walk.pushLinks(batch)) break;
      opts.onProgress?.(walk.eventsChecked, head.position);
    }
  }

  const result = judgeCheckpoints(walk, checkpoints, verifier, head, { requireEveryPublication: true });
  if (walk.brokenAt !== undefined) return result;
  const extra = await firstRowPastHead(db, hallId, head.position);
  if (extra === undefined || (result.firstBrokenPosition !== undefined && result.firstBrokenPosition <= extra)) return result;
  return { ...result, ok: false, firstBrokenPosition: extra };
}
