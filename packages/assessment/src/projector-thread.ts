import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { once } from 'node:events';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import pino, { type Logger } from 'pino';
import type { RuleCatalogueVersion } from '@hall/contracts';
import { connect } from '@hall/event-store';
import { IdleCache } from '@hall/projections';
import { HallStates, type BackgroundProjector } from './hall-states.ts';
import { WakeUpGate } from './wake-up-gate.ts';

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
}

type ToThread = { type: 'kick'; hallId: string; delayMs?: number } | { type: 'stop' };
type FromThread = { type: 'catalogues'; hallId: string; catalogues: RuleCatalogueVersion[] } | { type: 'due'; hallId: string };

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
    },
  ) {
    this.spawn();
  }

  kick(hallId: string, delayMs?: number): void {
    // No thread (between a crash and its restart): the new thread's sweep finds the hall behind.
    if (!this.worker) return;
    if (this.wakeUps.admit(hallId, delayMs)) this.worker.postMessage({ type: 'kick', hallId, delayMs } satisfies ToThread);
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
    const data: ThreadData = { databaseUrl: this.opts.databaseUrl, logLevel: this.opts.logLevel, poolSize: this.opts.poolSize ?? 4 };
    const worker = threadOf(this.opts.entry, data);
    this.worker = worker;
    worker.on('error', (err) => this.opts.log.error({ err }, 'projector thread failed'));
    worker.on('message', (message: FromThread) => {
      if (message.type === 'catalogues') this.onCatalogues?.(message.hallId, message.catalogues);
      else if (this.wakeUps.due(message.hallId)) this.kick(message.hallId);
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
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
  halls.start();
  log.info('projector thread started: the score views are projected beside the requests');
  port.on('message', (message: ToThread) => {
    if (message.type === 'kick') {
      halls.kick(message.hallId, message.delayMs);
      return;
    }
    halls.stop();
    port.close();
    store.close().catch((err) => log.warn({ err }, 'projector thread: unclean close'));
  });
}
