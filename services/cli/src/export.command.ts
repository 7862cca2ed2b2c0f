import type { Store } from '@hall/event-store';
import { streamEvents } from '@hall/event-store';
import type { AuditVerifier } from '@hall/assessment';
import { snapshotHeader, writeCheckpoints, writeNdjsonSnapshot } from './ndjson-snapshot.ts';
import { Progress } from './progress.ts';

/**
 * `pnpm cli export --hall ID --to FILE`: the hall's history with its
 * checkpoints and the public key, as one NDJSON file, from one consistent
 * snapshot (REPEATABLE READ) and one batch in memory at a time.
 */
export async function exportHall(store: Store, hallId: string, file: string, verifier: AuditVerifier | undefined): Promise<{ events: number; checkpoints: number }> {
  return writeNdjsonSnapshot(store, file, async (trx, writeLine, write) => {
    const hall = await trx.selectFrom('halls').select(['head_position', 'head_hash']).where('hall_id', '=', hallId).executeTakeFirstOrThrow();
    const headPosition = Number(hall.head_position);
    await writeLine(await snapshotHeader(trx, { format: 'hall-audit-export/1', hallId, headPosition, headHash: hall.head_hash, verifier }));
    const checkpoints = await writeCheckpoints(trx, hallId, writeLine);
    const progress = new Progress(`export ${hallId}`, headPosition);
    let events = 0;
    for await (const batch of streamEvents(trx, hallId, { through: headPosition, batchSize: 5000 })) {
      await write(batch.map((e) => JSON.stringify({ kind: 'event', ...e })).join('\n') + '\n');
      events += batch.length;
      progress.update(events);
    }
    progress.finish();
    return { events, checkpoints };
  });
}
