import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import type { Store, StoredEvent } from '@hall/event-store';
import { exportKeyRing, readExportLines, type ExportHeader } from './export-file.ts';
import { Progress } from './progress.ts';
import { UsageError } from './open-store.ts';
import { ChainWalk, judgeCheckpoints, type HistoryVerification, checkpointSignatureValid, type SignedCheckpoint, verifierFromPublicKey, type AuditVerifier, verifyHall } from '@hall/assessment';

/** What an external checkpoint says about the database's history now. */
export interface ExternalCheckpointResult {
  period: string;
  version: number;
  position: number;
  /** ok, or how the history differs from what the checkpoint signed. */
  status: 'ok' | 'bad_signature' | 'other_hall' | 'truncated' | 'rewritten';
}

export interface CliVerification extends HistoryVerification {
  keyId: string;
  external?: ExternalCheckpointResult[];
}

/**
 * Checkpoints kept outside the service: an export file (its checkpoint lines,
 * and its public key unless one is pinned), or JSON — the
 * `GET .../audit/checkpoints` body, an array, or one checkpoint.
 */
export async function readExternalCheckpoints(file: string): Promise<{ checkpoints: SignedCheckpoint[]; publicKey: string | null }> {
  const text = await readFile(file, 'utf8');
  const first = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  if (first.includes('"kind":"header"')) {
    const checkpoints: SignedCheckpoint[] = [];
    let publicKey: string | null = null;
    for await (const line of readExportLines(file)) {
      if (line.kind === 'header') publicKey = line.publicKey;
      else if (line.kind === 'checkpoint') {
        const { kind: _k, ...c } = line;
        checkpoints.push(c);
      } else break;
    }
    return { checkpoints, publicKey };
  }
  const json = JSON.parse(text) as unknown;
  const list = Array.isArray(json) ? json : json && typeof json === 'object' && 'checkpoints' in json ? (json as { checkpoints: unknown[] }).checkpoints : [json];
  return { checkpoints: list as SignedCheckpoint[], publicKey: null };
}

/**
 * `pnpm cli audit verify --hall ID [--from-checkpoint FILE]`: walks the chain
 * in the database and checks every stored checkpoint with the service key;
 * given checkpoints kept elsewhere, also tells whether the history was
 * truncated before, or rewritten at, each of them.
 */
export async function verifyInDatabase(
  store: Store,
  hallId: string,
  verifier: AuditVerifier,
  external?: { checkpoints: SignedCheckpoint[]; verifier: AuditVerifier },
): Promise<CliVerification> {
  const head = await store.db.selectFrom('halls').select('head_position').where('hall_id', '=', hallId).executeTakeFirstOrThrow();
  const progress = new Progress(`verify ${hallId}`, Number(head.head_position));
  const result: CliVerification = { ...(await verifyHall(store.db, hallId, verifier, { onProgress: (n, total) => progress.update(n, total) })), keyId: verifier.keyId };
  progress.finish(result.ok ? 'ok' : `broken at ${result.firstBrokenPosition}`);
  if (!external) return result;

  const positions = external.checkpoints.map((c) => Number(c.position));
  const { rows } = await sql<{ position: string; hash: string }>`
    select position, hash from events where hall_id = ${hallId} and position = any(${positions}::bigint[])`.execute(store.db);
  const hashAt = new Map(rows.map((r) => [Number(r.position), r.hash]));
  result.external = external.checkpoints.map((c) => {
    const base = { period: c.period, version: c.version, position: c.position };
    if (c.hallId !== hallId) return { ...base, status: 'other_hall' };
    if (!checkpointSignatureValid(external.verifier, c)) return { ...base, status: 'bad_signature' };
    if (c.position > result.headPosition || !hashAt.has(c.position)) return { ...base, status: 'truncated' };
    // The walk above proved the chain consistent through the head, so one equal hash vouches for everything before it.
    if (hashAt.get(c.position) !== c.headHash || (result.firstBrokenPosition !== undefined && result.firstBrokenPosition <= c.position)) {
      return { ...base, status: 'rewritten' };
    }
    return { ...base, status: 'ok' };
  });
  if (result.external.some((e) => e.status !== 'ok')) {
    const firstBad = result.external.filter((e) => e.status !== 'ok').sort((x, y) => x.position - y.position)[0]!;
    const at = firstBad.status === 'truncated' ? Math.min(firstBad.position, result.headPosition + 1) : firstBad.position;
    result.ok = false;
    if (result.firstBrokenPosition === undefined || at < result.firstBrokenPosition) result.firstBrokenPosition = at;
  }
  return result;
}

/**
 * `pnpm cli audit verify --file EXPORT`: verifies an export offline, with no
 * database: the chain through the header's head and every checkpoint, with
 * the header's public key unless `pinned` is given.
 */
export async function verifyExportFile(file: string, pinned?: AuditVerifier): Promise<CliVerification> {
  let header: ExportHeader | undefined;
  const checkpoints: SignedCheckpoint[] = [];
  let walk: ChainWalk | undefined;
  let batch: StoredEvent[] = [];
  let progress: Progress | undefined;
  for await (const line of readExportLines(file)) {
    if (line.kind === 'header') {
      header = line;
      progress = new Progress(`verify ${file}`, line.headPosition);
      continue;
    }
    if (!header) throw new UsageError(`${file}: no header line: not an export of pnpm cli export`);
    if (line.kind === 'checkpoint') {
      const { kind: _k, ...c } = line;
      checkpoints.push(c);
      continue;
    }
    // A backup's extra lines (hall, personal data, publications, clients) are not the chain's.
    if (line.kind !== 'event') continue;
    walk ??= new ChainWalk(header.hallId, new Set(checkpoints.map((c) => c.position)));
    const { kind: _k, ...e } = line;
    batch.push(e);
    if (batch.length >= 5000) {
      walk.push(batch);
      batch = [];
      progress?.update(walk.eventsChecked);
    }
  }
  if (!header) throw new UsageError(`${file}: empty`);
  walk ??= new ChainWalk(header.hallId, new Set(checkpoints.map((c) => c.position)));
  walk.push(batch);
  const verifier = pinned ?? exportKeyRing(header);
  if (!verifier) throw new UsageError(`${file}: no public key in the export; pass --public-key FILE`);
  const result = judgeCheckpoints(walk, checkpoints, verifier, { position: header.headPosition, hash: header.headHash }, { requireEveryPublication: true });
  progress?.finish(result.ok ? 'ok' : `broken at ${result.firstBrokenPosition}`);
  return { ...result, keyId: verifier.keyId };
}
