/**
 * Child process of kill-mid-close.int.test.ts: a service instance running the
 * scheduled month close for one hall as of `at`, until the test SIGKILLs it.
 */
import { connect } from '@hall/event-store';
import { advanceDuePeriods, generateSigner, HallStates } from '@hall/assessment';

const [url, hallId, at] = process.argv.slice(2) as [string, string, string];
const now = new Date(at);
const store = await connect({ databaseUrl: url, dataDir: '', poolSize: 2 });
const assessment = new HallStates(store.db, () => now);
process.stdout.write('closing\n');
const report = await advanceDuePeriods(assessment, generateSigner().signer, hallId, now);
process.stdout.write(`closed ${JSON.stringify(report.moved)}\n`);
await new Promise(() => {});
