import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Store } from '@hall/event-store';
import { streamEvents } from '@hall/event-store';
import type { ExportHeader } from './export-file.ts';
import { Progress } from './progress.ts';
import { listCheckpoints, listPublicKeys, type AuditVerifier } from '@hall/assessment';

/**
 * `pnpm cli export --hall ID --to FILE`: the hall's history with its
 * checkpoints and the public key, as one NDJSON file, from one consistent
 * snapshot (REPEATABLE READ) and one batch in memory at a time.
 */
export async function exportHall(store: Store, hallId: string, file: string, verifier: AuditVerifier | undefined): Promise<{ events: number; checkpoints: number }> {
  const out = createWriteStream(file, { encoding: 'utf8', mode: 0o600 });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  try {
    const counts = await store.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const hall = await trx.selectFrom('halls').select(['head_position', 'head_hash']).where('hall_id', '=', hallId).executeTakeFirstOrThrow();
        const headPosition = Number(hall.head_position);
        const header: ExportHeader = {
          kind: 'header',
          format: 'hall-audit-export/1',
          hallId,
          exportedAt: new Date().toISOString(),
          headPosition,
          headHash: hall.head_hash,
          algorithm: 'Ed25519',
          keyId: verifier?.keyId ?? null,
          publicKey: verifier?.publicKeyPem ?? null,
          publicKeys: (await listPublicKeys(trx)).map((k) => ({ keyId: k.keyId, publicKey: k.publicKey })),
        };
        await write(`${JSON.stringify(header)}\n`);
        const checkpoints = await listCheckpoints(trx, hallId);
        for (const c of checkpoints) await write(`${JSON.stringify({ kind: 'checkpoint', ...c })}\n`);
        const progress = new Progress(`export ${hallId}`, headPosition);
        let events = 0;
        for await (const batch of streamEvents(trx, hallId, { through: headPosition, batchSize: 5000 })) {
          await write(batch.map((e) => JSON.stringify({ kind: 'event', ...e })).join('\n') + '\n');
          events += batch.length;
          progress.update(events);
        }
        progress.finish();
        return { events, checkpoints: checkpoints.length };
      });
    out.end();
    await once(out, 'finish');
    return counts;
  } catch (error) {
    out.destroy();
    throw error;
  }
}
