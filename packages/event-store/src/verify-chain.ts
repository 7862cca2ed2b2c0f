import type { Kysely } from 'kysely';
import type { Database } from './database.ts';
import { GENESIS_HASH } from './hash-chain.ts';
import { streamChainLinks } from './chain-links.ts';

export interface ChainVerification {
  ok: boolean;
  /** Events whose hash was recomputed and matched before the walk stopped. */
  eventsChecked: number;
  /** The head the hall row claims. */
  headPosition: number;
  headHash: string;
  /** First position that is missing, out of place, or whose hash or link does not match. */
  firstBrokenPosition?: number;
}

/**
 * Walks a hall's chain from position 1, recomputing every hash, and checks
 * that it ends at the head the hall row records. Catches an edited, deleted or
 * inserted event; it cannot catch a rewrite of the whole tail together with
 * the hall row (signed checkpoints kept elsewhere do that). Throws for an
 * unknown hall.
 */
export async function verifyChain(db: Kysely<Database>, hallId: string): Promise<ChainVerification> {
  const hall = await db
    .selectFrom('halls')
    .select(['head_position', 'head_hash'])
    .where('hall_id', '=', hallId)
    .executeTakeFirst();
  if (!hall) throw new Error(`unknown hall ${hallId}`);
  const headPosition = Number(hall.head_position);
  const headHash = hall.head_hash;
  const broken = (position: number, eventsChecked: number): ChainVerification => ({
    ok: false,
    eventsChecked,
    headPosition,
    headHash,
    firstBrokenPosition: position,
  });

  let expected = 1;
  let prevHash = GENESIS_HASH;
  // A snapshot through the head read above: appends racing the walk are not judged.
  for await (const links of streamChainLinks(db, hallId, { through: headPosition })) {
    for (const link of links) {
      if (link.position !== expected || link.prevHash !== prevHash || !link.intact) return broken(expected, expected - 1);
      prevHash = link.hash;
      expected += 1;
    }
  }
  const checked = expected - 1;
  if (checked !== headPosition) return broken(checked + 1, checked);
  if (prevHash !== headHash) return broken(headPosition, checked);
  const extra = await firstRowPastHead(db, hallId, headPosition);
  if (extra !== undefined) return broken(extra, checked);
  return { ok: true, eventsChecked: checked, headPosition, headHash };
}

/**
 * The first row past the head that no append has claimed: inserted behind the
 * store's back. A racing append moves the head first, so the head is re-read
 * before judging.
 */
export async function firstRowPastHead(db: Kysely<Database>, hallId: string, headPosition: number): Promise<number | undefined> {
  const extra = await db
    .selectFrom('events')
    .select('position')
    .where('hall_id', '=', hallId)
    .where('position', '>', String(headPosition))
    .orderBy('position')
    .limit(1)
    .executeTakeFirst();
  if (!extra) return undefined;
  const now = await db.selectFrom('halls').select('head_position').where('hall_id', '=', hallId).executeTakeFirstOrThrow();
  return Number(extra.position) > Number(now.head_position) ? Number(extra.position) : undefined;
}
