import type { CommittedRun } from '@hall/event-store';

/**
 * Runs of events this process committed and handed to its projection (on the
 * projector thread, or on the request thread's own runner without one;
 * decision 1931), kept until a batch folds them, so the batch need not read
 * back the rows it was just told about. Only a cache: a run that is
 * missing (another process appended it, it was evicted, it was too small to
 * hand off) is read from the store as before, so the store stays the one
 * source and a gap costs a read, never an event.
 *
 * Bounded by events held (`maxEvents`): past it the oldest runs go first.
 */
export class HandedOffRuns {
  private readonly byHall = new Map<string, CommittedRun[]>();
  /** Every run held, in the order added (a Set keeps it): the oldest is evicted first. */
  private readonly held = new Set<CommittedRun>();
  private events = 0;

  constructor(private readonly maxEvents = 50_000) {}

  /** Events held now. */
  get size(): number {
    return this.events;
  }

  add(run: CommittedRun): void {
    if (run.count <= 0 || run.count > this.maxEvents) return;
    const runs = this.byHall.get(run.hallId) ?? this.byHall.set(run.hallId, []).get(run.hallId)!;
    // Runs arrive in commit order from one thread, so almost always last; keep them sorted anyway.
    let at = runs.length;
    while (at > 0 && runs[at - 1]!.from > run.from) at -= 1;
    runs.splice(at, 0, run);
    this.held.add(run);
    this.events += run.count;
    while (this.events > this.maxEvents) this.drop(this.held.values().next().value!);
  }

  /**
   * What is held of the hall after `after`: the run holding position
   * `after + 1` (its events before that are the caller's to skip), else the
   * first position of the next run held (the store has the ones between).
   * Runs wholly at or before `after` are dropped: the hall's state is past them.
   */
  next(hallId: string, after: number): { run?: CommittedRun; nextFrom?: number } {
    const runs = this.byHall.get(hallId);
    if (!runs) return {};
    while (runs.length > 0 && runs[0]!.from + runs[0]!.count - 1 <= after) this.drop(runs[0]!);
    const first = runs[0];
    if (first === undefined) return {};
    return first.from <= after + 1 ? { run: first } : { nextFrom: first.from };
  }

  private drop(run: CommittedRun): void {
    if (!this.held.delete(run)) return;
    this.events -= run.count;
    const runs = this.byHall.get(run.hallId);
    if (!runs) return;
    const at = runs.indexOf(run);
    if (at >= 0) runs.splice(at, 1);
    if (runs.length === 0) this.byHall.delete(run.hallId);
  }
}
