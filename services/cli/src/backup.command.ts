import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { sql } from 'kysely';
import { streamEvents, type Store } from '@hall/event-store';
import { listCheckpoints } from '@hall/assessment';
import { listPublicKeys } from '@hall/assessment';
import type { AuditVerifier } from '@hall/assessment';
import { BACKUP_ROW_TABLES, type BackupRowLine } from './backup-tables.ts';
import type { ExportHeader } from './export-file.ts';
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
  const out = createWriteStream(file, { encoding: 'utf8', mode: 0o600 });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  try {
    const counts = await store.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const rowsOf = async (table: string) =>
          (await sql<{ row: Record<string, unknown> }>`select to_jsonb(t) as row from ${sql.table(table)} t where hall_id = ${hallId}`.execute(trx)).rows.map((r) => r.row);
        const [hall] = await rowsOf('halls');
        if (!hall) throw new Error(`unknown hall ${hallId}`);
        const headPosition = Number(hall.head_position);
        const header: ExportHeader = {
          kind: 'header',
          format: 'hall-backup/1',
          hallId,
          exportedAt: new Date().toISOString(),
          headPosition,
          headHash: String(hall.head_hash),
          algorithm: 'Ed25519',
          keyId: verifier?.keyId ?? null,
          publicKey: verifier?.publicKeyPem ?? null,
          publicKeys: (await listPublicKeys(trx)).map((k) => ({ keyId: k.keyId, publicKey: k.publicKey })),
        };
        await write(`${JSON.stringify(header)}\n`);
        await write(`${JSON.stringify({ kind: 'row', table: 'halls', row: hall } satisfies BackupRowLine)}\n`);
        const checkpoints = await listCheckpoints(trx, hallId);
        for (const c of checkpoints) await write(`${JSON.stringify({ kind: 'checkpoint', ...c })}\n`);

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
          await write(batch.map((e) => JSON.stringify({ kind: 'event', ...e, contentHash: contentHash.get(e.position) })).join('\n') + '\n');
          events += batch.length;
          progress.update(events);
        }
        progress.finish();

        let rows = 0;
        for (const table of BACKUP_ROW_TABLES) {
          for (const row of await rowsOf(table)) {
            await write(`${JSON.stringify({ kind: 'row', table, row } satisfies BackupRowLine)}\n`);
            rows += 1;
          }
        }
        return { events, checkpoints: checkpoints.length, rows };
      });
    out.end();
    await once(out, 'finish');
    return counts;
  } catch (error) {
    out.destroy();
    throw error;
  }
}
