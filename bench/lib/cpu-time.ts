import { readFile } from 'node:fs/promises';
import pg from 'pg';

/**
 * CPU time (user + system) spent by a set of processes, read from /proc:
 * on a shared machine throughput swings with everyone else's load, but the
 * CPU a request costs does not, so the benches print it beside events/s.
 * Linux only; elsewhere every reading is 0 and the figures say n/a.
 */
const TICK_MS = 10; // USER_HZ is 100 on Linux

/** undefined once the process is gone (a pool connection closed): its reading is then lost, not negative. */
async function cpuMsOf(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}

/** The server processes (backends) serving one database, on this machine. */
export async function backendPids(adminUrl: string, database: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database]);
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

/** Starts a reading; the returned function gives the CPU ms spent since, per process set. */
export async function cpuMeter(sets: Record<string, () => Promise<number[]>>): Promise<() => Promise<Record<string, number>>> {
  const start = new Map<number, number>();
  const pidsAtStart: Record<string, number[]> = {};
  for (const [name, pids] of Object.entries(sets)) {
    pidsAtStart[name] = await pids();
    for (const pid of pidsAtStart[name]) start.set(pid, (await cpuMsOf(pid)) ?? 0);
  }
  return async () => {
    const spent: Record<string, number> = {};
    for (const [name, pids] of Object.entries(sets)) {
      let ms = 0;
      // Processes that appeared meanwhile (a new pool connection) count from 0.
      for (const pid of new Set([...pidsAtStart[name], ...(await pids())])) {
        const now = await cpuMsOf(pid);
        if (now !== undefined) ms += now - (start.get(pid) ?? 0);
      }
      spent[name] = ms;
    }
    return spent;
  };
}
