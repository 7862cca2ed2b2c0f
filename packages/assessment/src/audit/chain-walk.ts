import { GENESIS_HASH, eventHash, type ChainLink, type StoredEvent } from '@hall/event-store';
import { checkpointSignatureValid, type SignedCheckpoint } from './checkpoints.ts';
import type { AuditVerifier } from './signer.ts';

export type CheckpointProblem = 'signature' | 'hash_mismatch' | 'event_mismatch' | 'beyond_head' | 'missing';

export interface BrokenCheckpoint {
  period: string;
  version: number;
  position: number;
  problem: CheckpointProblem;
}

export interface HistoryVerification {
  ok: boolean;
  eventsChecked: number;
  headPosition: number;
  headHash: string;
  /** First position the chain or a checkpoint shows broken. */
  firstBrokenPosition?: number;
  checkpointsChecked: number;
  /** The first checkpoint that does not hold, if any. */
  brokenCheckpoint?: BrokenCheckpoint;
}

/**
 * Walks one hall's chain event by event, without I/O: recomputes each hash,
 * checks positions and links, and remembers the events at the positions
 * checkpoints name and every publication that must have a checkpoint. Fed by
 * the database (verify route, CLI) or by an export file (offline CLI).
 */
export class ChainWalk {
  private expected = 1;
  private prevHash = GENESIS_HASH;
  brokenAt: number | undefined;
  /** Events at the watched positions. */
  readonly atWatched = new Map<number, StoredEvent>();
  /** final and restated publications seen in the history. */
  readonly publications: Array<{ position: number; period: string; version: number }> = [];

  constructor(
    private readonly hallId: string,
    private readonly watched: ReadonlySet<number>,
  ) {}

  get eventsChecked(): number {
    return this.expected - 1;
  }

  get lastHash(): string {
    return this.prevHash;
  }

  /** Feeds the next events in position order (an export file's); false once the chain is broken. */
  push(events: readonly StoredEvent[]): boolean {
    if (this.brokenAt !== undefined) return false;
    for (const e of events) {
      if (e.position !== this.expected || e.prevHash !== this.prevHash || eventHash(this.prevHash, e, this.hallId) !== e.hash) {
        this.brokenAt = this.expected;
        return false;
      }
      this.accepted(e.position, e.type, e.hash, e);
    }
    return true;
  }

  /** Feeds the next links read from the database in position order (0307); false once the chain is broken. */
  pushLinks(links: readonly ChainLink[]): boolean {
    if (this.brokenAt !== undefined) return false;
    for (const link of links) {
      if (link.position !== this.expected || link.prevHash !== this.prevHash || !link.intact) {
        this.brokenAt = this.expected;
        return false;
      }
      this.accepted(link.position, link.type, link.hash, link.event);
    }
    return true;
  }

  /** The events this walk needs whole: at watched positions, and publications. */
  readonly wants = (position: number, type: string): boolean => type === 'PeriodAdvanced' || this.watched.has(position);

  /** Past a checked event: remembers it if watched or a publication (`event` is there for those, see {@link wants}), and moves on. */
  private accepted(position: number, type: string, hash: string, event: StoredEvent | undefined): void {
    if (this.wants(position, type)) {
      if (event === undefined) throw new Error(`chain walk: the event at ${position} was not read whole`);
      if (this.watched.has(position)) this.atWatched.set(position, event);
      if (type === 'PeriodAdvanced' && (event.data.to === 'final' || event.data.to === 'restated')) {
        this.publications.push({ position, period: String(event.data.period), version: Number(event.data.version) });
      }
    }
    this.prevHash = hash;
    this.expected += 1;
  }

  /** After the last event: the first broken position, judging the end against the head the hall claims. */
  finish(headPosition: number, headHash: string): number | undefined {
    if (this.brokenAt !== undefined) return this.brokenAt;
    if (this.eventsChecked !== headPosition) this.brokenAt = this.eventsChecked + 1;
    else if (this.prevHash !== headHash) this.brokenAt = headPosition;
    return this.brokenAt;
  }
}

/**
 * Judges checkpoints against a finished walk: each signature must verify
 * with `verifier`, the chain must still hold the checkpointed hash at the
 * checkpointed position (a checkpoint past the head means the tail was cut),
 * and every final or restated publication must have its checkpoint.
 */
export function judgeCheckpoints(
  walk: ChainWalk,
  checkpoints: readonly SignedCheckpoint[],
  verifier: AuditVerifier,
  head: { position: number; hash: string },
  opts: { requireEveryPublication: boolean },
): HistoryVerification {
  const chainBroken = walk.finish(head.position, head.hash);
  const problems: Array<{ at: number; checkpoint: BrokenCheckpoint }> = [];
  const flag = (c: { period: string; version: number; position: number }, problem: CheckpointProblem, at: number) =>
    problems.push({ at, checkpoint: { period: c.period, version: c.version, position: c.position, problem } });

  let checked = 0;
  for (const c of checkpoints) {
    checked += 1;
    if (!checkpointSignatureValid(verifier, c)) {
      flag(c, 'signature', c.position);
      continue;
    }
    // Past a chain break nothing is judged: the break is already the first problem.
    if (chainBroken !== undefined && c.position >= chainBroken) continue;
    if (c.position > head.position) {
      flag(c, 'beyond_head', walk.eventsChecked + 1);
      continue;
    }
    const e = walk.atWatched.get(c.position);
    if (!e || e.hash !== c.headHash) {
      flag(c, 'hash_mismatch', c.position);
      continue;
    }
    if (e.type !== 'PeriodAdvanced' || e.data.period !== c.period || e.data.version !== c.version || e.data.scoresHash !== c.scoresHash) {
      flag(c, 'event_mismatch', c.position);
    }
  }
  if (opts.requireEveryPublication) {
    const have = new Set(checkpoints.map((c) => `${c.period}#${c.version}`));
    for (const p of walk.publications) if (!have.has(`${p.period}#${p.version}`)) flag(p, 'missing', p.position);
  }

  problems.sort((a, b) => a.at - b.at || a.checkpoint.position - b.checkpoint.position);
  const first = problems[0];
  const firstBrokenPosition = Math.min(chainBroken ?? Infinity, first?.at ?? Infinity);
  return {
    ok: firstBrokenPosition === Infinity,
    eventsChecked: walk.eventsChecked,
    headPosition: head.position,
    headHash: head.hash,
    ...(firstBrokenPosition === Infinity ? {} : { firstBrokenPosition }),
    checkpointsChecked: checked,
    ...(first ? { brokenCheckpoint: first.checkpoint } : {}),
  };
}
