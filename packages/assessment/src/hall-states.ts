import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { DomainError, type RuleCatalogueVersion } from '@hall/contracts';
import { getHall, type Database, type HallRow } from '@hall/event-store';
import type { HallState } from './hall-state.ts';
import { loadHallState } from './load-hall-state.ts';
import { KeyedMutex } from './hall-mutex.ts';
import { PROJECTION, ScoreProjection } from './projection.ts';
import { viewDb } from './view-tables.ts';

/** How long the projection lets appends gather before re-scoring. */
const PROJECTION_DELAY_MS = 250;
/** How long a caught-up state answers reads without asking the database for newer events. */
const FRESH_MS = 100;

/**
 * One job: halls' histories in memory, kept at the head of the store by the
 * score projection (which writes the views as it goes). The use cases read
 * states from here and tell it of their appends (`appended`); they write
 * through the store's hall-locked append or `inHallTransaction`.
 */
export class HallStates {
  readonly mutex = new KeyedMutex();
  readonly projection: ScoreProjection;
  private readonly states = new Map<string, HallState>();
  private readonly pending = new Set<string>();
  private readonly lastCatchUpMs = new Map<string, number>();
  private readonly appendEpochs = new Map<string, number>();
  private readonly freshness = new Map<string, { at: number; epoch: number }>();
  /** Off: only reads and publications move the views (a test seam; the service leaves it on). */
  backgroundCatchUp = true;
  /** Told of every append (metrics). */
  onAppended: (hallId: string, count: number) => void = () => undefined;

  constructor(
    readonly db: Kysely<Database>,
    readonly clock: () => Date,
    readonly log?: Logger,
  ) {
    this.projection = new ScoreProjection(db, clock);
  }

  async requireHall(hallId: string): Promise<HallRow> {
    const known = this.states.get(hallId);
    if (known) return known.hall;
    const hall = await getHall(this.db, hallId);
    if (!hall) throw new DomainError('HALL_NOT_FOUND', `Unknown hall ${hallId}`);
    return hall;
  }

  /** The hall row as the database has it now (head position included). */
  async requireHallFresh(hallId: string): Promise<HallRow> {
    const hall = await getHall(this.db, hallId);
    if (!hall) throw new DomainError('HALL_NOT_FOUND', `Unknown hall ${hallId}`);
    return hall;
  }

  /** The hall's catalogue versions as of the state in memory (loading it on first use). */
  async catalogues(hallId: string): Promise<RuleCatalogueVersion[]> {
    const state = await this.state(hallId);
    return state.catalogueList();
  }

  /** Call before an append by this process: the hall's state is stale from now on. */
  appending(hallId: string): void {
    this.touched(hallId);
  }

  /**
   * Call after an append (committed or not): stale again, and when events
   * were stored a background catch-up starts. Only clients' events are counted
   * for the metrics; service events (rules, appeals, period moves) are not.
   */
  appended(hallId: string, stored: number, source: 'client' | 'service'): void {
    this.touched(hallId);
    if (source === 'client') {
      if (stored === 0) return;
      this.onAppended(hallId, stored);
    }
    this.kick(hallId);
  }

  /** The hall's state, caught up with its history and with its views written. */
  async caughtUp(hallId: string): Promise<HallState> {
    // Fast path for polling dashboards: the state was at the head a moment ago
    // and nothing was appended through this process since. Other processes'
    // appends show up within FRESH_MS.
    const fresh = this.freshness.get(hallId);
    const state = this.states.get(hallId);
    if (state && fresh && fresh.epoch === this.epochOf(hallId) && performance.now() - fresh.at < FRESH_MS) return state;
    return this.mutex.run(hallId, () => this.catchUpLocked(hallId));
  }

  private epochOf(hallId: string): number {
    return this.appendEpochs.get(hallId) ?? 0;
  }

  /** Every append through this process makes the hall's in-memory state stale at once. */
  private touched(hallId: string): void {
    this.appendEpochs.set(hallId, this.epochOf(hallId) + 1);
  }

  /** Same, for callers already holding the hall's mutex. */
  async catchUpLocked(hallId: string): Promise<HallState> {
    const epoch = this.epochOf(hallId);
    const startedAt = performance.now();
    let state = this.states.get(hallId);
    if (!state) {
      const hall = await this.requireHall(hallId);
      const checkpoint = await viewDb(this.db)
        .selectFrom('projection_checkpoints')
        .select(['position', 'version'])
        .where('hall_id', '=', hallId)
        .where('projection', '=', PROJECTION.name)
        .executeTakeFirst();
      const through = checkpoint && checkpoint.version === PROJECTION.version ? Number(checkpoint.position) : 0;
      // The views already reflect the history up to the checkpoint: only later events make months dirty.
      // Without one, every month the loaded state can score is dirty (earlier ones are final).
      state = await loadHallState(this.db, hall, through > 0 ? { through } : { snapshotOnly: true });
      state.dirtyFrom = null;
      if (through === 0) state.markDirty(state.fromMonth ?? hall.assessmentStartsOn.slice(0, 7));
      this.states.set(hallId, state);
    }
    await this.projection.load(state);
    await this.projection.flush(state);
    this.freshness.set(hallId, { at: startedAt, epoch });
    return state;
  }

  /** The in-memory state without waiting for the views (for validation). */
  private async state(hallId: string): Promise<HallState> {
    return this.states.get(hallId) ?? (await this.caughtUp(hallId));
  }

  /**
   * Starts a catch-up in the background shortly after an append, so a burst of
   * appends costs one re-scoring. Reads never wait for it: they catch up
   * themselves (read-your-writes).
   */
  kick(hallId: string): void {
    if (!this.backgroundCatchUp || this.pending.has(hallId)) return;
    this.pending.add(hallId);
    // Background re-scoring takes at most about a fifth of the time: under a
    // heavy append load it runs less often (reads still catch up themselves).
    const delay = Math.max(PROJECTION_DELAY_MS, 4 * (this.lastCatchUpMs.get(hallId) ?? 0));
    const timer = setTimeout(() => {
      this.pending.delete(hallId);
      if (!this.backgroundCatchUp) return;
      const started = performance.now();
      this.caughtUp(hallId)
        .then(() => this.lastCatchUpMs.set(hallId, performance.now() - started))
        .catch((err) => this.log?.error({ err, hallId }, 'projection catch-up failed'));
    }, delay);
    timer.unref();
  }

  /**
   * Runs a transaction that folds its own appends into the hall's state. If it
   * rolls back, the state (which saw uncommitted events) is dropped and
   * reloaded from the history on next use.
   */
  async inHallTransaction<T>(hallId: string, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction().execute((trx) => work(trx));
    } catch (error) {
      this.states.delete(hallId);
      this.projection.reset();
      throw error;
    }
  }

  loadedState(hallId: string): HallState | undefined {
    return this.states.get(hallId);
  }
}
