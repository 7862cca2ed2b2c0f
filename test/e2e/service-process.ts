import { spawn, type ChildProcess } from 'node:child_process';

/** A service started as its own process group, so a test can tell whether anything of it is left. */
export interface ServiceProcess {
  child: ChildProcess;
  /** Exit code (null when a signal killed it). */
  exited: Promise<number | null>;
  output(): string;
  /** The port from the "Server listening at …" log line, once the service reports it. */
  listening(): Promise<number>;
  /** Whether any process of the group is still running. */
  groupAlive(): boolean;
}

export function startService(command: string, args: string[], opts: { cwd: string; env: Record<string, string> }): ServiceProcess {
  const child = spawn(command, args, {
    cwd: opts.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: '0', LOG_LEVEL: 'info', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const waiters: Array<() => void> = [];
  const onData = (chunk: Buffer) => {
    output += chunk;
    for (const wake of waiters.splice(0)) wake();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let done = false;
  void exited.then(() => {
    done = true;
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    child,
    exited,
    output: () => output,
    async listening() {
      for (;;) {
        const port = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
        if (port) return Number(port);
        if (done) throw new Error(`the service exited before listening:\n${output}`);
        await new Promise<void>((wake) => waiters.push(wake));
      }
    },
    groupAlive() {
      try {
        process.kill(-(child.pid as number), 0);
        return true;
      } catch (error) {
        return (error as NodeJS.ErrnoException).code !== 'ESRCH';
      }
    },
  };
}

/** Waits until no process of the group runs, for at most `ms` (a stop that hangs fails the test, not the run). */
export async function groupGone(service: ServiceProcess, ms = 10_000): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 100) {
    if (!service.groupAlive()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !service.groupAlive();
}
