import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { once } from 'node:events';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import pino, { type Logger } from 'pino';
import type { RuleCatalogueVersion } from '@hall/contracts';
import { connect, type CommittedRun } from '@hall/event-store';
import { IdleCache } from '@hall/projections';
import { HallStates, type BackgroundProjector, type DueJob } from './hall-states.ts';
import { advanceDuePeriods } from './advance-due.ts';
import { appendDueBadRatingEvents } from './bad-rating-due.ts';
import { dispatchHall } from './webhooks/dispatch.ts';
import { loadServiceSigner } from './audit/service-signer.ts';
import type { AuditSigner } from './audit/signer.ts';
import { WakeUpGate } from './wake-up-gate.ts';
import { HandedOffRuns } from './handed-off-runs.ts';

/**
 * The score projection's background batches on a thread of their own
 * (decision 1861). An API process spends its event loop on requests; the
 * projection folds every appended event into the open months and holds them
 * in memory, which costs about as much again per event, and a large heap's
 * collections besides. On a thread of its own it has its own event loop and
 * its own heap, and runs on another core beside the door.
 *
 * The thread is another runner on the same database, as another process
 * would be: ownership per hall, checkpoints and wake-ups are the database's
 * (decisions 1421–1423), so nothing is shared in memory. The main thread
 * forwards its wake-ups (`kick`); the thread sweeps for halls behind.
 * PostgreSQL only: PGlite is one connection inside the main thread.
 */

interface ThreadData {
  databaseUrl: string;
  logLevel: string;
  poolSize: number;
  /** The service's audit signing key (SIGNING_KEY), for the period moves of scheduled jobs. */
  signingKey?: string;
}

type ToThread =
  | { type: 'kick'; hallId: string; delayMs?: number }
  | { type: 'run'; run: CommittedRun }
  | { type: 'job'; id: number; job: DueJob; hallId: string; now: number }
  | { type: 'stop' };
type FromThread =
  | { type: 'catalogues'; hallId: string; catalogues: RuleCatalogueVersion[] }
  | { type: 'due'; hallId: string }
  | { type: 'jobDone'; id: number; report: unknown }
  | { type: 'jobFailed'; id: number; message: string };

/** A scheduled job's failure in the thread, as the main thread sees it (the message crosses, the class does not). */
export class DueJobFailed extends Error {
  override readonly name = 'DueJobFailed';
}

/** The main thread's side: forwards wake-ups, restarts a thread that died, stops it with the process. */
export class ProjectorThread implements BackgroundProjector {
  onCatalogues?: (hallId: string, catalogues: RuleCatalogueVersion[]) => void;
  /** Threads started again after one died (a crash, an uncaught error). */
  restarts = 0;
  private worker: Worker | undefined;
  private stopping = false;
  /** Which wake-ups are sent: one per batch, not one per append (1891). */
  readonly wakeUps = new WakeUpGate();
  private restart: NodeJS.Timeout | undefined;
  /** Scheduled jobs sent to the thread and not answered yet, by id. */
  private readonly jobs = new Map<number, { resolve: (report: unknown) => void; reject: (error: Error) => void }>();
  private nextJob = 1;

  constructor(
    private readonly opts: {
      /** The thread's module: one that calls {@link runProjectorThread} (`.ts` in development, `.mjs` in the bundle). */
      entry: URL;
      databaseUrl: string;
      logLevel: string;
      log: Logger;
      /** Connections the thread's pool may open (default 4: one batch at a time per hall, a few halls at once). */
      poolSize?: number;
      /** Wait before a thread that died is started again. */
      restartMs?: number;
      /** The audit signing key (PEM) the thread signs scheduled period moves with; without it those jobs fail. */
      signingKey?: string;
    },
  ) {
    this.spawn();
  }

  kick(hallId: string, delayMs?: number): void {
    // No thread (between a crash and its restart): the new thread's sweep finds the hall behind.
    if (!this.worker) return;
    if (this.wakeUps.admit(hallId, delayMs)) this.worker.postMessage({ type: 'kick', hallId, delayMs } satisfies ToThread);
  }

  /** Runs handed to the thread (decision 1931). */
  handedOff = 0;

  handOff(run: CommittedRun): void {
    // No thread: the new one reads the events from the store.
    if (!this.worker) return;
    this.worker.postMessage({ type: 'run', run } satisfies ToThread);
    this.handedOff += 1;
  }

  /**
   * Runs a scheduled per-hall job on the thread, where the hall's state is
   * kept caught up (decision 1911). Rejects if the thread is down or dies
   * before answering: the schedule's next run tries again.
   */
  runDue(job: DueJob, hallId: string, now: Date): Promise<unknown> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new DueJobFailed('the projector thread is restarting; the job runs on the next schedule'));
    const id = this.nextJob++;
    return new Promise((resolve, reject) => {
      this.jobs.set(id, { resolve, reject });
      worker.postMessage({ type: 'job', id, job, hallId, now: now.getTime() } satisfies ToThread);
    });
  }

  /** Stops the thread after its batch in flight (at most `graceMs`, then it is terminated). */
  async close(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restart);
    const worker = this.worker;
    if (!worker) return;
    const exited = once(worker, 'exit');
    worker.postMessage({ type: 'stop' } satisfies ToThread);
    const timer = setTimeout(() => void worker.terminate(), graceMs);
    await exited;
    clearTimeout(timer);
  }

  /** Test seam: ends the thread as a crash would (it is started again). */
  async crashForTest(): Promise<void> {
    await this.worker?.terminate();
  }

  private spawn(): void {
    const data: ThreadData = { databaseUrl: this.opts.databaseUrl, logLevel: this.opts.logLevel, poolSize: this.opts.poolSize ?? 4, signingKey: this.opts.signingKey };
    const worker = threadOf(this.opts.entry, data);
    this.worker = worker;
    worker.on('error', (err) => this.opts.log.error({ err }, 'projector thread failed'));
    worker.on('message', (message: FromThread) => {
      if (message.type === 'catalogues') this.onCatalogues?.(message.hallId, message.catalogues);
      else if (message.type === 'jobDone' || message.type === 'jobFailed') this.settleJob(message);
      else if (this.wakeUps.due(message.hallId)) this.kick(message.hallId);
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      // Jobs it had not answered are lost with it: each is run again by the schedule's next run.
      for (const job of this.jobs.values()) job.reject(new DueJobFailed(`the projector thread exited (code ${code}) before the job finished`));
      this.jobs.clear();
      // Its scheduled batches died with it: the next append sends a wake-up again.
      this.wakeUps.reset();
      if (this.stopping) return;
      // Nothing is lost meanwhile: the new thread's sweep finds every hall behind its checkpoint.
      this.opts.log.warn({ code }, 'projector thread exited; starting another');
      this.restart = setTimeout(() => {
        this.restarts += 1;
        this.spawn();
      }, this.opts.restartMs ?? 1000);
    });
  }

  private settleJob(message: Extract<FromThread, { type: 'jobDone' | 'jobFailed' }>): void {
    const job = this.jobs.get(message.id);
    if (!job) return;
    this.jobs.delete(message.id);
    if (message.type === 'jobDone') job.resolve(message.report);
    else job.reject(new DueJobFailed(message.message));
  }
}

/**
 * A worker on `entry`. A `.ts` entry (development, tests) needs tsx's loader
 * in the thread, which a worker does not inherit from a process started by
 * tsx: a small bootstrap registers it first.
 */
function threadOf(entry: URL, data: ThreadData): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData: data });
  const tsxApi = tsxEsmApi();
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, workerData: data });
}

/** tsx's ESM API module (its `import` export: the `require` one's `register` looks for the loader beside the CommonJS file). */
function tsxEsmApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const { exports } = require(manifest) as { exports: Record<string, { import: { default: string } }> };
  return new URL(exports['./esm/api']!.import.default, pathToFileURL(manifest)).href;
}

/** The thread's side: a {@link HallStates} that runs the background batches, until told to stop. */
export async function runProjectorThread(): Promise<void> {
  if (isMainThread || !parentPort) throw new Error('runProjectorThread runs in a worker thread');
  const port = parentPort;
  const data = workerData as ThreadData;
  const log = pino({ level: data.logLevel, base: { thread: 'projector' } });
  const store = await connect({
    databaseUrl: data.databaseUrl,
    dataDir: '.',
    poolSize: data.poolSize,
    // A dropped connection is logged, never fatal: the pool reconnects on the next query.
    onPoolError: (err) => log.warn({ err }, 'database connection lost'),
  });
  // Its own event loop: no need to leave room for requests between batches (restFactor 0).
  const halls = new HallStates(store.db, () => new Date(), log, { restFactor: 0 });
  // What the request thread committed, folded without reading it back (decision 1931).
  const handedOff = new HandedOffRuns();
  halls.projection.handedOff = handedOff;
  // The request thread validates appends against the catalogues: it hears of new ones from here.
  const posted = new IdleCache<string>(1024, 300_000);
  halls.runner.onCaughtUp = (hallId, state) => {
    const catalogues = state.catalogueList();
    const versions = catalogues.map((c) => c.version).join(',');
    if (posted.get(hallId) === versions) return;
    posted.set(hallId, versions);
    port.postMessage({ type: 'catalogues', hallId, catalogues } satisfies FromThread);
  };
  halls.runner.onBatchDue = (hallId) => port.postMessage({ type: 'due', hallId } satisfies FromThread);
  // Scheduled jobs run here, on the states this thread keeps caught up (decision 1911); one signer, made on first use.
  // Async, so that anything it throws (a missing key) becomes the job's failure, not the thread's.
  let signer: AuditSigner | undefined;
  const runJob = async (job: DueJob, hallId: string, now: Date): Promise<unknown> => {
    if (job === 'badRatings') return appendDueBadRatingEvents(halls, hallId, now);
    if (job === 'webhooks') return dispatchHall(halls, hallId);
    signer ??= loadServiceSigner({ signingKey: data.signingKey, dataDir: '.', databaseUrl: data.databaseUrl }).signer;
    return advanceDuePeriods(halls, signer, hallId, now);
  };
  halls.start();
  log.info('projector thread started: the score views are projected beside the requests');
  port.on('message', (message: ToThread) => {
    if (message.type === 'kick') {
      halls.kick(message.hallId, message.delayMs);
      return;
    }
    if (message.type === 'run') {
      handedOff.add(message.run);
      return;
    }
    if (message.type === 'job') {
      const { id } = message;
      runJob(message.job, message.hallId, new Date(message.now)).then(
        (report) => port.postMessage({ type: 'jobDone', id, report } satisfies FromThread),
        (err: unknown) => {
          log.error({ err, hallId: message.hallId, job: message.job }, 'scheduled job failed in the projector thread');
          port.postMessage({ type: 'jobFailed', id, message: err instanceof Error ? err.message : String(err) } satisfies FromThread);
        },
      );
      return;
    }
    halls.stop();
    port.close();
    store.close().catch((err) => log.warn({ err }, 'projector thread: unclean close'));
  });
}
