import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Kysely } from 'kysely';
import type { Database, Store } from '@hall/event-store';
import { listCheckpoints, listPublicKeys, type AuditVerifier } from '@hall/assessment';
import type { ExportHeader } from './export-file.ts';

export type WriteLine = (value: unknown) => Promise<void>;

/**
 * Writes one NDJSON file (mode 0600: exports and backups may hold personal
 * data) from one REPEATABLE READ snapshot, honouring back-pressure; a failure
 * destroys the stream rather than leaving a file that looks complete.
 * `export` and `hall backup` share it (decisions 0703, 1063).
 */
export async function writeNdjsonSnapshot<T>(store: Store, file: string, body: (trx: Kysely<Database>, writeLine: WriteLine, write: (text: string) => Promise<void>) => Promise<T>): Promise<T> {
  const out = createWriteStream(file, { encoding: 'utf8', mode: 0o600 });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  try {
    const result = await store.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute((trx) => body(trx, (value) => write(`${JSON.stringify(value)}\n`), write));
    out.end();
    await once(out, 'finish');
    return result;
  } catch (error) {
    out.destroy();
    throw error;
  }
}

/** The header line both file formats open with: the head, the current key and every key that signed a checkpoint. */
export async function snapshotHeader(
  trx: Kysely<Database>,
  p: { format: ExportHeader['format']; hallId: string; headPosition: number; headHash: string; verifier: AuditVerifier | undefined },
): Promise<ExportHeader> {
  return {
    kind: 'header',
    format: p.format,
    hallId: p.hallId,
    exportedAt: new Date().toISOString(),
    headPosition: p.headPosition,
    headHash: p.headHash,
    algorithm: 'Ed25519',
    keyId: p.verifier?.keyId ?? null,
    publicKey: p.verifier?.publicKeyPem ?? null,
    publicKeys: (await listPublicKeys(trx)).map((k) => ({ keyId: k.keyId, publicKey: k.publicKey })),
  };
}

/** The hall's checkpoint lines; returns how many. */
export async function writeCheckpoints(trx: Kysely<Database>, hallId: string, writeLine: WriteLine): Promise<number> {
  const checkpoints = await listCheckpoints(trx, hallId);
  for (const c of checkpoints) await writeLine({ kind: 'checkpoint', ...c });
  return checkpoints.length;
}
