import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import {
  DomainError,
  schemaVersions,
  type FieldError,
  type IncomingEvent,
  type RuleCatalogueVersion,
} from '@hall/contracts';
import {
  appendEvents,
  appendEventsInTransaction,
  createHall as insertHall,
  getHall,
  type Database,
  type HallRow,
} from '@hall/event-store';
import { defaultCatalogue } from '@hall/scoring';
import { generateSigner, type AuditSigner } from '../audit/signer.ts';
import { HallState } from './hall-state.ts';
import { KeyedMutex } from './hall-mutex.ts';
import { PROJECTION, ScoreProjection } from './projection.ts';
import { viewDb } from './view-tables.ts';

export const SYSTEM_CLIENT = 'system';
/** How long the projection lets appends gather before re-scoring. */
const PROJECTION_DELAY_MS = 250;
/** How long a caught-up state answers reads without asking the database for newer events. */
const FRESH_MS = 100;

export interface HallInput {
  hallId: string;
  name: string;
  timezone: string;
  assessmentStartsOn: string;
  autoAdvance: boolean;
}

export type ServiceEvent = { id: string; type: string; occurredAt: string; data: Record<string, unknown> };

/**
 * The assessment side of the service: halls' histories in memory, the score
 * projection that keeps the views current, and the hall-scoped entry points
 * the routes and the scheduler call. Every database write of a hall goes
 * through the store's hall-locked append or the projection's transaction.
 */
export class Assessment {
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

  /**
   * @param signer signs the checkpoints of final and restated publications;
   * a throwaway key when none is given (tests, tools that never publish).
   */
  constructor(
    readonly db: Kysely<Database>,
    readonly clock: () => Date,
    readonly log?: Logger,
    readonly signer: AuditSigner = generateSigner().signer,
  ) {
    this.projection = new ScoreProjection(db, clock);
  }

  async createHall(input: HallInput) {
    const now = this.clock();
    const nowText = now.toISOString();
    await this.db.transaction().execute(async (trx) => {
      const created = await insertHall(trx, input, now);
      if (!created.ok) throw new DomainError('HALL_EXISTS', `Hall ${input.hallId} already exists`, [{ path: '/id', message: 'already exists' }]);
      const catalogue = defaultCatalogue(input.assessmentStartsOn);
      const outcome = await appendEventsInTransaction(trx, {
        hallId: input.hallId,
        clientId: SYSTEM_CLIENT,
        now,
        schemaVersions,
        events: [
          { id: `hall:${input.hallId}:created`, type: 'HallCreated', occurredAt: nowText, data: { ...input } },
          { id: `rules:${input.hallId}:v1`, type: 'RuleCatalogueVersionPublished', occurredAt: nowText, data: catalogue as unknown as Record<string, unknown> },
        ],
      });
      if (!outcome.ok) throw new Error(`could not start the history of hall ${input.hallId}: ${outcome.code}`);
    });
    const hall = await getHall(this.db, input.hallId);
    if (!hall) throw new Error(`hall ${input.hallId} vanished after creation`);
    return this.hallDocument(hall);
  }

  hallDocument(hall: HallRow) {
    return {
      id: hall.hallId,
      name: hall.name,
      timezone: hall.timezone,
      assessmentStartsOn: hall.assessmentStartsOn,
      autoAdvance: hall.autoAdvance,
      createdAt: hall.createdAt,
      headPosition: hall.headPosition,
    };
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

  /** Appends a client's batch; the projection then catches up in the background. */
  async append(hallId: string, clientId: string, events: readonly IncomingEvent[]) {
    this.touched(hallId);
    const outcome = await appendEvents(this.db, { hallId, clientId, now: this.clock(), schemaVersions, events: events as IncomingEvent[] });
    this.touched(hallId);
    if (!outcome.ok) throw appendError(outcome.code, outcome.errors);
    if (outcome.appended.length > 0) {
      this.onAppended(hallId, outcome.appended.length);
      this.kick(hallId);
    }
    return outcome.results;
  }

  /** Appends service events (rules, appeals, period moves) with deterministic ids. */
  async appendService(hallId: string, events: ServiceEvent[], trx: Kysely<Database> = this.db) {
    const run = (t: Kysely<Database>) =>
      appendEventsInTransaction(t as never, { hallId, clientId: SYSTEM_CLIENT, now: this.clock(), schemaVersions, events });
    this.touched(hallId);
    const outcome = trx === this.db ? await this.db.transaction().execute((t) => run(t)) : await run(trx);
    this.touched(hallId);
    if (!outcome.ok) throw appendError(outcome.code, outcome.errors);
    this.kick(hallId);
    return outcome;
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
      state = new HallState(hall);
      const checkpoint = await viewDb(this.db)
        .selectFrom('projection_checkpoints')
        .select(['position', 'version'])
        .where('hall_id', '=', hallId)
        .where('projection', '=', PROJECTION.name)
        .executeTakeFirst();
      const through = checkpoint && checkpoint.version === PROJECTION.version ? Number(checkpoint.position) : 0;
      if (through > 0) {
        // The views already reflect the history up to the checkpoint: only later events make months dirty.
        await this.projection.load(state, this.db, through);
        state.dirtyFrom = null;
      } else {
        state.markDirty(hall.assessmentStartsOn.slice(0, 7));
      }
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

  /** Head position minus the projection's checkpoint, per hall. */
  async projectionLag(): Promise<Record<string, number>> {
    const rows = await viewDb(this.db)
      .selectFrom('halls')
      .leftJoin('projection_checkpoints', (join) =>
        join.onRef('projection_checkpoints.hall_id', '=', 'halls.hall_id').on('projection_checkpoints.projection', '=', PROJECTION.name),
      )
      .select(['halls.hall_id as hallId', 'halls.head_position as head', 'projection_checkpoints.position as checkpoint'])
      .execute();
    return Object.fromEntries(rows.map((r) => [r.hallId, Number(r.head) - Number(r.checkpoint ?? 0)]));
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

function appendError(code: 'HALL_NOT_FOUND' | 'EVENT_ID_CONFLICT' | 'UNKNOWN_REFERENCE', errors: FieldError[]): DomainError {
  switch (code) {
    case 'HALL_NOT_FOUND':
      return new DomainError('HALL_NOT_FOUND', 'Unknown hall', errors);
    case 'EVENT_ID_CONFLICT':
      return new DomainError('EVENT_ID_CONFLICT', 'An event id was reused with other content; nothing was stored', errors);
    case 'UNKNOWN_REFERENCE':
      return new DomainError('UNKNOWN_REFERENCE', 'The batch refers to unknown entities; nothing was stored', errors);
  }
}
