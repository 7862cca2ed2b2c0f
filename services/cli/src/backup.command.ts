import { sql } from 'kysely';
import { contentHashOf, streamEvents, type Store } from '@hall/event-store';
import type { AuditVerifier } from '@hall/assessment';
import { BACKUP_ROW_TABLES, type BackupRowLine } from './backup-tables.ts';
import { snapshotHeader, writeCheckpoints, writeNdjsonSnapshot } from './ndjson-snapshot.ts';
import { Progress } from './progress.ts';

/**
 * `pnpm cli hall backup --hall ID --to FILE`: the export file (0703: header,
 * checkpoints, events, so `audit verify --file` reads it) with what a restore
 * needs besides: each event's `contentHash` (idempotent retries), the hall
 * row (with its contact salt), contacts, frozen publications and client token
 * hashes. One REPEATABLE READ snapshot, one batch in memory. The file holds
 * personal data: it is written with mode 0600.
 */
export async function backupHall(store: Store, hallId: string, file: string, verifier: AuditVerifier | undefined): Promise<{ events: number; checkpoints: number; rows: number }> {
  return writeNdjsonSnapshot(store, file, async (trx, writeLine, write) => {
    const rowsOf = async (table: string) =>
      (await sql<{ row: Record<string, unknown> }>`select to_jsonb(t) as row from ${sql.table(table)} t where hall_id = ${hallId}`.execute(trx)).rows.map((r) => r.row);
    const [hall] = await rowsOf('halls');
    if (!hall) throw new Error(`unknown hall ${hallId}`);
    const headPosition = Number(hall.head_position);
    await writeLine(await snapshotHeader(trx, { format: 'hall-backup/1', hallId, headPosition, headHash: String(hall.head_hash), verifier }));
    await writeLine({ kind: 'row', table: 'halls', row: hall } satisfies BackupRowLine);
    const checkpoints = await writeCheckpoints(trx, hallId, writeLine);

    const progress = new Progress(`backup ${hallId}`, headPosition);
    let events = 0;
    for await (const batch of streamEvents(trx, hallId, { through: headPosition, batchSize: 5000 })) {
      const from = batch[0]!.position;
      const to = batch.at(-1)!.position;
      const hashes = await trx
        .selectFrom('events')
        .select(['position', 'content_hash'])
        .where('hall_id', '=', hallId)
        .where('position', '>=', String(from))
        .where('position', '<=', String(to))
        .execute();
      const contentHash = new Map(hashes.map((h) => [Number(h.position), h.content_hash]));
      // Rows appended since migration 0024 store none: the fingerprint is made from the row (decision 1881), so every line still has one.
      const fingerprint = (e: (typeof batch)[number]) =>
        contentHash.get(e.position) ?? contentHashOf({ type: e.type, occurredAt: e.occurredAt, data: e.data, personalRef: e.personalRef });
      await write(batch.map((e) => JSON.stringify({ kind: 'event', ...e, contentHash: fingerprint(e) })).join('\n') + '\n');
      events += batch.length;
      progress.update(events);
    }
    progress.finish();

    let rows = 0;
    for (const table of BACKUP_ROW_TABLES) {
      for (const row of await rowsOf(table)) {
        await writeLine({ kind: 'row', table, row } satisfies BackupRowLine);
        rows += 1;
      }
    }
    return { events, checkpoints, rows };
  });
}
