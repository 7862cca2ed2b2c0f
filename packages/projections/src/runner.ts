import { sql, type Kysely } from 'kysely';
import type { Database } from '@hall/event-store';
import { activate, advanceCheckpoint, readCheckpoint } from './checkpoints.ts';
import { checkpointDb } from './checkpoint-table.ts';
import { IdleCache } from './idle-cache.ts';
import { KeyedMutex } from './keyed-mutex.ts';
import { tryOwn } from './ownership.ts';
import type { Projection } from './projection.ts';

/** What one batch did. `busy`: another runner owns the hall now (or moved its checkpoint under this batch); `superseded`: a newer version is active. */
export type BatchResult = 'written' | 'idle' | 'busy' | 'superseded';

/** Thrown inside a batch whose compare-and-set found the checkpoint moved: the batch rolls back. */
export class CheckpointMoved extends Error {
  constructor(hallId: string, name: string) {
    super(`checkpoint of ${name} for hall ${hallId} moved under this batch`);
  }
}

export interface RunnerOptions {
  clock: () => Date;
  /** Most halls kept in memory at once (least recently used evicted first). */
  capacity?: number;
  /** A hall not worked on for this long is evicted. */
  idleMs?: number;
  /** Wait before retrying a hall another runner owned. */
  retryMs?: number;
  /** How often `start()`'s sweep looks for halls whose head is past this projection's checkpoint. */
  sweepMs?: number;
  /** Delay that lets a burst of appends gather into one batch. */
  gatherMs?: number;
  /**
   * A hall's next batch waits this many times its last batch's duration (at
   * least `gatherMs`): 4 keeps re-scoring to about a fifth of a shared event
   * loop; a runner on a thread of its own takes 0 (1861).
   */
  restFactor?: number;
  log?: { error(obj: object, msg: string): void };
}

interface Entry<S> {
  state: S;
  /** The checkpoint position this process last read or wrote: another value in the table means another runner wrote. */
  seen: number | null;
}

/**
 * Runs one projection for any number of halls in this process. Ownership is
 * on the database (`tryOwn` in every batch's transaction), the checkpoint only
 * moves forward (`advanceCheckpoint`), and the states are a bounded cache
 * (`IdleCache`): a process holds only the halls it is working on.
 * docs/decisions/1421–1423.
 */
export class ProjectionRunner<S> {
  /** Per-hall single flight inside this process: batches and the use cases that borrow a state. */
  readonly mutex = new KeyedMutex();
  private readonly states: IdleCache<Entry<S>>;
  private readonly scheduled = new Map<string, NodeJS.Timeout>();
  private readonly lastBatchMs = new Map<string, number>();
  private sweeper: NodeJS.Timeout | undefined;
  private readonly opts: Required<Omit<RunnerOptions, 'log'>> & Pick<RunnerOptions, 'log'>;
  /** Test seam: runs inside the batch's transaction just before it commits (a crash here must lose nothing). */
  beforeCommit: () => void = () => undefined;
  /** Told after every batch's catch-up, whoever then owns the hall (the projector thread reports catalogues, 1861). */
  onCaughtUp: (hallId: string, state: S) => void = () => undefined;
  /** Told when a wake-up's batch falls due, before it reads the history (the projector thread's wake-ups, 1891). */
  onBatchDue: (hallId: string) => void = () => undefined;
  /** Told after every committed batch (readers waiting in this process, metrics). */
  onCommitted: (hallId: string, position: number) => void = () => undefined;

  constructor(
    readonly db: Kysely<Database>,
    readonly projection: Projection<S>,
    options: RunnerOptions,
  ) {
    this.opts = { capacity: 64, idleMs: 60_000, retryMs: 500, sweepMs: 1000, gatherMs: 250, restFactor: 4, ...options };
    this.states = new IdleCache(this.opts.capacity, this.opts.idleMs);
  }

  /** Halls held in memory now. */
  get loadedCount(): number {
    return this.states.size;
  }

  loaded(hallId: string): S | undefined {
    return this.states.get(hallId)?.state;
  }

  /** Forgets the hall's state (after a rolled-back transaction folded into it). */
  drop(hallId: string): void {
    this.states.delete(hallId);
  }

  /**
   * Lends a use case the hall's state at the head of the history, under the
   * hall's mutex (no batch moves it meanwhile). A failure drops the state.
   */
  withState<T>(hallId: string, work: (state: S) => Promise<T>): Promise<T> {
    return this.mutex.run(hallId, async () => {
      const state = await this.stateLocked(hallId);
      try {
        return await work(state);
      } catch (error) {
        this.states.delete(hallId);
        throw error;
      }
    });
  }

  /** The hall's state at the head of the history, for a caller holding the hall's mutex. */
  async stateLocked(hallId: string): Promise<S> {
    try {
      const entry = await this.entry(hallId);
      await this.projection.catchUp(this.db, entry.state);
      return entry.state;
    } catch (error) {
      this.states.delete(hallId);
      throw error;
    }
  }

  /** One batch now: the hall's views moved to its head, unless another runner owns it. */
  run(hallId: string): Promise<BatchResult> {
    return this.mutex.run(hallId, () => this.batchLocked(hallId));
  }

  /** Rewrites every row of the hall from its history (a rebuild), waiting out other owners. */
  async rebuild(hallId: string): Promise<void> {
    for (;;) {
      const result = await this.mutex.run(hallId, async () => {
        this.states.set(hallId, { state: await this.projection.open(this.db, hallId, 0), seen: null });
        return this.batchLocked(hallId);
      });
      if (result !== 'busy') return;
      await new Promise((resolve) => setTimeout(resolve, this.opts.retryMs));
    }
  }

  /** For callers holding the hall's mutex (a use case in `withState`). */
  async batchLocked(hallId: string): Promise<BatchResult> {
    const started = performance.now();
    try {
      const entry = await this.entry(hallId);
      // Read outside the transaction: the ownership lock is held only while writing.
      await this.projection.catchUp(this.db, entry.state);
      this.onCaughtUp(hallId, entry.state);
      const result = await this.db.transaction().execute(async (trx): Promise<BatchResult> => {
        if (!(await tryOwn(trx, hallId, this.projection.name))) return 'busy';
        const active = await checkpointDb(trx)
          .selectFrom('projection_checkpoints')
          .select('version')
          .where('hall_id', '=', hallId)
          .where('projection', '=', this.projection.name)
          .where('active', '=', true)
          .executeTakeFirst();
        if (active && active.version > this.projection.version) return 'superseded';
        const checkpoint = await readCheckpoint(trx, hallId, this.projection);
        const at = checkpoint?.position ?? null;
        // Someone else may be further on: fold what they saw too, under the lock.
        if (at !== null && at > this.projection.position(entry.state)) await this.projection.catchUp(trx, entry.state);
        const forget = at !== entry.seen;
        const wrote = await this.projection.write(trx, entry.state, { forget });
        const to = this.projection.position(entry.state);
        if (!wrote && at === to) return 'idle';
        if (!(await advanceCheckpoint(trx, hallId, this.projection, at, to, this.opts.clock()))) throw new CheckpointMoved(hallId, this.projection.name);
        if (!(checkpoint?.active ?? active === undefined)) await this.switchWhenCaughtUp(trx, hallId, to);
        this.beforeCommit();
        return 'written';
      });
      if (result === 'written' || result === 'idle') {
        this.projection.committed(entry.state);
        entry.seen = this.projection.position(entry.state);
        if (result === 'written') this.onCommitted(hallId, entry.seen);
      }
      if (result === 'superseded') this.states.delete(hallId);
      return result;
    } catch (error) {
      // A rolled-back batch leaves the state ahead of the tables: start again from the checkpoint.
      this.states.delete(hallId);
      // Another runner moved the checkpoint: like finding it owned, the hall is someone else's now.
      if (error instanceof CheckpointMoved) return 'busy';
      throw error;
    } finally {
      this.lastBatchMs.set(hallId, performance.now() - started);
      if (this.lastBatchMs.size > this.opts.capacity * 4) this.lastBatchMs.clear();
    }
  }

  /** A shadow version becomes the active one in the batch that reaches the hall's head. */
  private async switchWhenCaughtUp(trx: Kysely<Database>, hallId: string, at: number): Promise<void> {
    const { rows } = await sql<{ head: string }>`select head_position as head from halls where hall_id = ${hallId}`.execute(trx);
    if (Number(rows[0]?.head ?? 0) > at) return;
    for (const version of await activate(trx, hallId, this.projection)) await this.projection.dropVersion(trx, hallId, version);
  }

  private async entry(hallId: string): Promise<Entry<S>> {
    const known = this.states.get(hallId);
    if (known) return known;
    const checkpoint = await readCheckpoint(this.db, hallId, this.projection);
    const through = checkpoint?.position ?? 0;
    const entry: Entry<S> = { state: await this.projection.open(this.db, hallId, through), seen: checkpoint ? through : null };
    this.states.set(hallId, entry);
    return entry;
  }

  /**
   * A batch soon (appends gather meanwhile; a hall whose batches are slow
   * waits longer, so re-scoring takes about a fifth of the time at most, see `restFactor`).
   * `busy` retries later: the owner may die before it reaches this append.
   */
  kick(hallId: string, delayMs?: number): void {
    if (this.scheduled.has(hallId)) return;
    const delay = delayMs ?? Math.max(this.opts.gatherMs, this.opts.restFactor * (this.lastBatchMs.get(hallId) ?? 0));
    const timer = setTimeout(() => {
      this.scheduled.delete(hallId);
      this.onBatchDue(hallId);
      this.run(hallId)
        .then((result) => {
          if (result === 'busy') this.kick(hallId, this.opts.retryMs);
        })
        .catch((err) => {
          this.opts.log?.error({ err, hallId }, 'projection batch failed');
          this.kick(hallId, this.opts.retryMs);
        });
    }, delay);
    timer.unref();
    this.scheduled.set(hallId, timer);
  }

  /**
   * Starts the sweep (halls whose head is past the checkpoint, whoever
   * appended) and the idle eviction. `sweep: false` keeps only the eviction:
   * for a runner whose background batches another thread runs (1861).
   */
  start(opts: { sweep?: boolean } = {}): void {
    if (this.sweeper) return;
    const sweep = opts.sweep ?? true;
    this.sweeper = setInterval(() => {
      this.states.evictIdle();
      if (sweep) this.sweep().catch((err) => this.opts.log?.error({ err }, 'projection sweep failed'));
    }, this.opts.sweepMs);
    this.sweeper.unref();
  }

  stop(): void {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
    for (const timer of this.scheduled.values()) clearTimeout(timer);
    this.scheduled.clear();
  }

  /** Halls behind: kicked now (ownership decides who works on each). */
  async sweep(limit = 100): Promise<string[]> {
    const { name, version } = this.projection;
    const { rows } = await sql<{ hall_id: string }>`
      select h.hall_id from halls h
      left join projection_checkpoints c on c.hall_id = h.hall_id and c.projection = ${name} and c.version = ${version}
      where h.head_position > coalesce(c.position, 0)
        and not exists (select 1 from projection_checkpoints n where n.hall_id = h.hall_id and n.projection = ${name} and n.active and n.version > ${version})
      limit ${limit}`.execute(this.db);
    for (const { hall_id } of rows) this.kick(hall_id, 0);
    return rows.map((r) => r.hall_id);
  }
}
