import type { Store } from '@hall/event-store';
import { HallStates, replayVersion } from '@hall/assessment';

/**
 * `pnpm cli audit replay --hall ID --period YYYY-MM [--version N]`: the
 * replay route's computation (replayVersion), for an auditor working on a
 * copy of the database. Catching the hall up writes its views, as the
 * service would.
 */
export async function replayInDatabase(store: Store, hallId: string, period: string, version: number | undefined) {
  const assessment = new HallStates(store.db, () => new Date());
  const started = Date.now();
  const ticker = setInterval(() => {
    const position = assessment.loadedState(hallId)?.position ?? 0;
    process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[2K' : ''}replay ${hallId} ${period}: loading history, ${position} events, ${((Date.now() - started) / 1000).toFixed(0)}s${process.stderr.isTTY ? '' : '\n'}`);
  }, process.stderr.isTTY ? 200 : 2000);
  try {
    const result = await replayVersion(assessment, hallId, period, version);
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
    process.stderr.write(
      `replay ${hallId} ${period} v${result.version}: ${result.eventsReplayed} events in ${((Date.now() - started) / 1000).toFixed(2)}s, ${result.matches ? 'matches' : `${result.differences.length} difference(s)`}\n`,
    );
    return result;
  } finally {
    clearInterval(ticker);
  }
}
