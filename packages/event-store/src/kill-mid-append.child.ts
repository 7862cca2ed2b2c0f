/**
 * Child process of kill-mid-append.int.test.ts: appends to a hall until the
 * test SIGKILLs it. `hold`: one 1000-event batch appended, then waits inside
 * the open transaction. `loop`: 500-event batches, one after another.
 */
import { appendEvents, appendEventsInTransaction } from './append/append-events.ts';
import { connect } from './connect.ts';
import { input, ticketCalled } from './test-events.ts';

const [url, hallId, mode] = process.argv.slice(2);
const store = await connect({ databaseUrl: url, dataDir: '', poolSize: 1 });
const batch = (size: number) => Array.from({ length: size }, () => ticketCalled());

if (mode === 'hold') {
  await store.db.transaction().execute(async (trx) => {
    const outcome = await appendEventsInTransaction(trx, input(hallId, batch(1000)));
    process.stdout.write(`holding ${outcome.ok}\n`);
    await new Promise(() => {});
  });
} else {
  for (let i = 0; ; i += 1) {
    const outcome = await appendEvents(store.db, input(hallId, batch(500)));
    if (!outcome.ok) throw new Error(JSON.stringify(outcome));
    process.stdout.write(`batch ${i}\n`);
  }
}
