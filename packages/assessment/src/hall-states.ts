import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { DomainError, type RuleCatalogueVersion } from '@hall/contracts';
import { getHall, type CommittedRun, type Database, type HallRow } from '@hall/event-store';
import { IdleCache, ProjectionRunner, type KeyedMutex, type RunnerOptions } from '@hall/projections';
import type { HallState } from './hall-state.ts';
import { storedCatalogues } from './stored-catalogues.ts';
import { ScoreProjection } from './projection.ts';
import { HandedOffRuns } from './handed-off-runs.ts';

/** The scheduled per-hall jobs that need the hall's state: due period moves, the bad-rating loop's due marks, webhook dispatch. */
export type DueJob = 'advance' | 'badRatings' | 'webhooks';

/** What runs the background batches when this process's runner does not (decision 1861). */
export interface BackgroundProjector {
  kick(hallId: string, delayMs?: number): void;
  /** Gives the projector the events of an append this process committed, to fold without reading them back (decision 1931). */
  handOff?(run: CommittedRun): void;
  /**
   * Runs a scheduled per-hall job where the hall's state already is (decision
   * 1911): folding a hall's open months for it here would put a second copy
   * of the state, and the fold, on the request thread.
   */
  runDue?(job: DueJob, hallId: string, now: Date): Promise<unknown>;
  /** Set by {@link HallStates.startWith}: told of a hall's catalogues whenever the projector's state of it has new ones. */
  onCatalogues?: (hallId: string, catalogues: RuleCatalogueVersion[]) => void;
}

/**
 * Appends of fewer events are not handed to the projection: a message per
 * small append cost the request thread more than the read it saves
 * (decision 1891 measured a post per append at 3.4 % of it), and a batch
 * reads a few small ones back at once (decision 1931).
 */
export const HAND_OFF_MIN_EVENTS = 100;

/**
 * The use cases' door to hall states and the score projection's runner
 * (`@hall/projections`): states live in the runner's bounded cache, only
 * while a hall is worked on; the views are written by whichever process owns
 * the hall at the moment (docs/decisions/1421–1423). Reads of the views never
 * come here: they read tables (`reads.ts`).
 */
export class HallStates {
  readonly projection: ScoreProjection;
  readonly runner: ProjectionRunner<HallState>;
  /** Off: only use cases and explicit runs move the views (a test seam; the service leaves it on). */
  backgroundCatchUp = true;
  /** How long a read waits for the views to reach the head as of the read (docs/decisions/1422). */
  readWaitMs = 2000;
  /** Told of every append (metrics). */
  onAppended: (hallId: string, count: number) => void = () => undefined;

  constructor(
    readonly db: Kysely<Database>,
    readonly clock: () => Date,
    readonly log?: Logger,
    runnerOptions: Omit<RunnerOptions, 'clock' | 'log'> = {},
  ) {
    this.projection = new ScoreProjection(clock);
    this.runner = new ProjectionRunner(db, this.projection, { clock, log, ...runnerOptions });
  }

  /** Per-hall single flight in this process (use cases that change a hall's history, and the runner's batches). */
  get mutex(): KeyedMutex {
    return this.runner.mutex;
  }

  /**
   * Hall rows for reads: name, time zone and assessment start do not change,
   * so a bounded cache spares a query per read (the head it holds may be old).
   */
  private readonly hallRows = new IdleCache<HallRow>(1024, 300_000);

  async requireHall(hallId: string): Promise<HallRow> {
    const known = this.runner.loaded(hallId)?.hall ?? this.hallRows.get(hallId);
    if (known) return known;
    const hall = await this.requireHallFresh(hallId);
    this.hallRows.set(hallId, hall);
    return hall;
  }

  /** The hall row as the database has it now (head position included). */
  async requireHallFresh(hallId: string): Promise<HallRow> {
    const hall = await getHall(this.db, hallId);
    if (!hall) throw new DomainError('HALL_NOT_FOUND', `Unknown hall ${hallId}`);
    return hall;
  }

  /**
   * The hall's catalogue versions, for validating appends without a round
   * trip: as of the state in memory (loading it on first use); with a
   * projector thread, as the thread or a use case of this thread last saw
   * them (read from the store on first use), so this thread never loads a
   * hall's whole state to validate an append (decision 1861).
   */
  async catalogues(hallId: string): Promise<RuleCatalogueVersion[]> {
    if (!this.background) return (await this.state(hallId)).catalogueList();
    const known = this.catalogueLists.get(hallId);
    if (known) return known;
    const list = await storedCatalogues(this.db, await this.requireHall(hallId));
    this.noteCatalogues(hallId, list);
    return this.catalogueLists.get(hallId) ?? list;
  }

  /**
   * Keeps the newest catalogues seen of a hall (thread mode): versions only
   * grow, so a list older than the one kept (a message that crossed a
   * publication of this thread's) is ignored.
   */
  noteCatalogues(hallId: string, list: RuleCatalogueVersion[]): void {
    if (!this.background) return;
    const newest = (l: RuleCatalogueVersion[]) => Math.max(...l.map((c) => c.version));
    const known = this.catalogueLists.get(hallId);
    if (known === undefined || newest(list) >= newest(known)) this.catalogueLists.set(hallId, list);
  }

  private readonly catalogueLists = new IdleCache<RuleCatalogueVersion[]>(1024, 300_000);

  /** Call before an append by this process (kept for the use cases' symmetry; nothing is cached to stale). */
  appending(_hallId: string): void {}

  /**
   * Call after an append (committed or not): when events were stored this
   * process's runner is kicked. Only clients' events are counted for the
   * metrics; service events (rules, appeals, period moves) are not. `run`
   * gives a client append's stored events, handed to whichever projection
   * folds them next so it need not read them back (decision 1931).
   */
  appended(hallId: string, stored: number, source: 'client' | 'service', run?: () => CommittedRun | undefined): void {
    if (source === 'client') {
      if (stored === 0) return;
      this.onAppended(hallId, stored);
    }
    // Before the wake-up, so the thread holds the run when its batch reads (messages keep their order).
    if (run && stored >= HAND_OFF_MIN_EVENTS) {
      // The append has committed: nothing here may fail it. Without the run the projection reads the rows instead.
      try {
        const committed = run();
        // To the projector thread, or to this runner's own projection (PGlite, PROJECTION_THREAD=false).
        if (committed && this.background) this.background.handOff?.(committed);
        else if (committed) (this.projection.handedOff ??= new HandedOffRuns()).add(committed);
      } catch (err) {
        this.log?.warn({ err, hallId }, 'append not handed to the projection; it reads the events from the store');
      }
    }
    this.kick(hallId);
  }

  /** The hall's state at the head of its history, with a batch of the views run (unless another process owns the hall now). */
  async caughtUp(hallId: string): Promise<HallState> {
    await this.requireHall(hallId);
    return this.mutex.run(hallId, () => this.catchUpLocked(hallId));
  }

  /** Same, for callers holding the hall's mutex. */
  async catchUpLocked(hallId: string): Promise<HallState> {
    if ((await this.runner.batchLocked(hallId)) === 'busy') this.kick(hallId);
    const state = await this.runner.stateLocked(hallId);
    this.noteCatalogues(hallId, state.catalogueList());
    return state;
  }

  /** A batch for a hall whose history this process just moved (caller holds the mutex); another owner is retried. */
  async flushLocked(hallId: string): Promise<void> {
    if ((await this.runner.batchLocked(hallId)) === 'busy') this.kick(hallId);
  }

  /** The in-memory state without waiting for the views (for validation). */
  private async state(hallId: string): Promise<HallState> {
    return this.runner.loaded(hallId) ?? (await this.caughtUp(hallId));
  }

  /** A background batch soon (appends gather meanwhile): this runner's, or the projector thread's when one runs them. */
  kick(hallId: string, delayMs?: number): void {
    if (!this.backgroundCatchUp) return;
    if (this.background) this.background.kick(hallId, delayMs);
    else this.runner.kick(hallId, delayMs);
  }

  /** The projector thread's runner for scheduled jobs, when one holds the states (decision 1911); undefined: run them here. */
  dueJobsElsewhere(): ((job: DueJob, hallId: string, now: Date) => Promise<unknown>) | undefined {
    const background = this.background;
    return background?.runDue ? (job, hallId, now) => background.runDue!(job, hallId, now) : undefined;
  }

  /** Where background batches run instead of this runner (a projector thread, decision 1861). */
  private background: BackgroundProjector | undefined;

  /**
   * Runs a transaction that folds its own appends into the hall's state. If it
   * rolls back, the state (which saw uncommitted events) is dropped and
   * reloaded from the history on next use.
   */
  async inHallTransaction<T>(hallId: string, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction().execute((trx) => work(trx));
    } catch (error) {
      this.runner.drop(hallId);
      throw error;
    }
  }

  loadedState(hallId: string): HallState | undefined {
    return this.runner.loaded(hallId);
  }

  /** Starts the runner's sweep and idle eviction (the services; tests run batches themselves). */
  start(): void {
    this.runner.start();
  }

  /**
   * Leaves the background batches (wake-ups and the sweep) to `projector`,
   * a {@link ProjectorThread}: this runner then only serves the use cases
   * that need a state (transitions, appeals, rules), and evicts idle halls.
   */
  startWith(projector: BackgroundProjector): void {
    this.background = projector;
    projector.onCatalogues = (hallId, list) => this.noteCatalogues(hallId, list);
    this.runner.start({ sweep: false });
  }

  stop(): void {
    this.runner.stop();
  }
}
