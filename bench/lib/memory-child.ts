/**
 * One cold read in a fresh process, for bench/memory.bench.ts: connects, notes
 * its resident memory when idle (modules loaded, pool open, after a GC), then
 * times the first score read of a hall (its state loaded and projected) and
 * notes the memory again. Prints one JSON line. Run with --expose-gc.
 * Argv: database URL, hall id, period, window id, clock (ISO).
 */
import { HallStates, scoreDocument } from '@hall/assessment';
import { connect } from '@hall/event-store';

const [url, hallId, period, windowId, clockIso] = process.argv.slice(2) as [string, string, string, string, string];
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const settle = () => {
  gc();
  gc();
};

const store = await connect({ databaseUrl: url, dataDir: '', poolSize: 2 });
await store.db.selectFrom('halls').select('hall_id').limit(1).execute(); // the pool's first connection
settle();
const idle = process.memoryUsage();
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const halls = new HallStates(store.db, () => new Date(clockIso));
halls.backgroundCatchUp = false;
const state = await halls.caughtUp(hallId);
const loadedMs = performance.now() - t0;
const doc = await scoreDocument(halls, hallId, period, { type: 'window', id: windowId });
const readMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
settle();
const after = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({
    readMs,
    loadedMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssMb: (after.rss - idle.rss) / 2 ** 20,
    heapMb: (after.heapUsed - idle.heapUsed) / 2 ** 20,
    held: state.model.events.size,
    position: state.position,
    fromMonth: state.fromMonth,
    total: doc.total,
  })}\n`,
);
await store.close();
