import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { StoredEvent } from '@hall/event-store';
import { keyRingOf, verifierFromPublicKey, type KeyRing, type SignedCheckpoint } from '@hall/assessment';
import type { BackupRowLine } from './backup-tables.ts';

/** First line of an export file (docs/decisions/0703-ndjson-export.md). */
export interface ExportHeader {
  kind: 'header';
  /** A backup (`pnpm cli hall backup`) is an export with more lines: see backup.command.ts. */
  format: 'hall-audit-export/1' | 'hall-backup/1';
  hallId: string;
  exportedAt: string;
  headPosition: number;
  headHash: string;
  algorithm: 'Ed25519';
  keyId: string | null;
  publicKey: string | null;
  /** Every key that signed checkpoints here (key rotation); absent in exports made before it. */
  publicKeys?: Array<{ keyId: string; publicKey: string }>;
}

export type ExportLine =
  | ExportHeader
  | ({ kind: 'checkpoint' } & SignedCheckpoint)
  | ({ kind: 'event' } & StoredEvent & { contentHash?: string })
  | BackupRowLine;

/** Reads an export file line by line, in order (header, checkpoints, events), without loading it whole. */
export async function* readExportLines(file: string): AsyncGenerator<ExportLine> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const text of lines) {
    n += 1;
    if (text.trim() === '') continue;
    let line: ExportLine;
    try {
      line = JSON.parse(text) as ExportLine;
    } catch {
      throw new Error(`${file}:${n}: not JSON`);
    }
    yield line;
  }
}

/** The export's keys: the current one and, after a rotation, the earlier ones its checkpoints name. */
export function exportKeyRing(header: ExportHeader): KeyRing | undefined {
  if (!header.publicKey) return undefined;
  return keyRingOf(verifierFromPublicKey(header.publicKey), (header.publicKeys ?? []).map((k) => verifierFromPublicKey(k.publicKey)));
}
