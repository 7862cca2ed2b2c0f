import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, LevelWithSilent } from 'pino';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * A request's logger whose pino child is built on the first line it writes.
 * Fastify gives every request `logger.child({ reqId })`, and with the
 * service's redaction (wildcard paths, redaction.ts) pino runs the redactor
 * over those bindings each time: a few microseconds per request, spent even
 * when the level writes nothing for it (LOG_LEVEL=warn and a request that
 * succeeds). A line at a level the parent does not write builds nothing;
 * everything else goes to the same child, with the same bindings, as before
 * (decision 1911).
 */
export class LazyChildLogger implements FastifyBaseLogger {
  #child: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  get level(): LevelWithSilent | string {
    return (this.#child ?? this.parent).level;
  }

  set level(level: LevelWithSilent | string) {
    this.made().level = level;
  }

  // Methods on the prototype, not arrow fields: a logger per request should not mean seven closures per request.
  fatal(...args: unknown[]): void {
    this.write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.write('error', args);
  }
  warn(...args: unknown[]): void {
    this.write('warn', args);
  }
  info(...args: unknown[]): void {
    this.write('info', args);
  }
  debug(...args: unknown[]): void {
    this.write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.write('trace', args);
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.made().child(bindings, options);
  }

  private write(level: Level, args: unknown[]): void {
    // Once made, the child decides (its level may have been set apart from the parent's).
    if (!this.#child && !enabled(this.parent, level)) return;
    (this.made()[level] as (...a: unknown[]) => void)(...args);
  }

  private made(): FastifyBaseLogger {
    return (this.#child ??= this.parent.child(this.bindings, this.options));
  }
}

/** Whether `logger` writes `level`: pino says so; a logger that cannot say is asked to write. */
function enabled(logger: FastifyBaseLogger, level: Level): boolean {
  const pinoLike = logger as FastifyBaseLogger & { isLevelEnabled?: (level: string) => boolean };
  return typeof pinoLike.isLevelEnabled === 'function' ? pinoLike.isLevelEnabled(level) : true;
}
