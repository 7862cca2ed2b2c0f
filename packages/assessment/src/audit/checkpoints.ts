import type { Kysely } from 'kysely';
import { canonicalJson, type Database } from '@hall/event-store';
import type { AuditSigner, AuditVerifier } from './signer.ts';
import { auditDb } from './audit-tables.ts';
import { verifierFor } from './key-ring.ts';

/** What a checkpoint vouches for: the history through `position`, whose event hash is `headHash`, published as `scoresHash`. */
export interface CheckpointBody {
  hallId: string;
  period: string;
  version: number;
  position: number;
  headHash: string;
  scoresHash: string;
  /** RFC 3339 UTC with milliseconds, as signed. */
  signedAt: string;
}

export interface SignedCheckpoint extends CheckpointBody {
  keyId: string;
  /** base64 Ed25519 signature over {@link checkpointPayload}. */
  signature: string;
}

/**
 * The signed bytes: RFC 8785 canonical JSON of exactly the seven fields of
 * {@link CheckpointBody}, UTF-8. Anyone can rebuild it from an exported
 * checkpoint and check the signature with the public key alone.
 */
export function checkpointPayload(c: CheckpointBody): string {
  return canonicalJson({
    hallId: c.hallId,
    period: c.period,
    version: c.version,
    position: c.position,
    headHash: c.headHash,
    scoresHash: c.scoresHash,
    signedAt: c.signedAt,
  });
}

export function signCheckpoint(signer: AuditSigner, body: CheckpointBody): SignedCheckpoint {
  return { ...body, keyId: signer.keyId, signature: signer.sign(checkpointPayload(body)) };
}

/** With a key ring, the key the checkpoint names verifies it (key rotation); an unknown key id fails. */
export function checkpointSignatureValid(verifier: AuditVerifier, c: SignedCheckpoint): boolean {
  return verifierFor(verifier, c.keyId)?.verify(checkpointPayload(c), c.signature) ?? false;
}

/** Stores a checkpoint inside the publication's transaction. */
export async function insertCheckpoint(trx: Kysely<Database>, c: SignedCheckpoint): Promise<void> {
  await auditDb(trx)
    .insertInto('audit_checkpoints')
    .values({
      hall_id: c.hallId,
      period: c.period,
      version: c.version,
      position: c.position,
      head_hash: c.headHash,
      scores_hash: c.scoresHash,
      signed_at: c.signedAt,
      key_id: c.keyId,
      signature: c.signature,
    })
    .execute();
}

/** A hall's checkpoints in history order. */
export async function listCheckpoints(db: Kysely<Database>, hallId: string): Promise<SignedCheckpoint[]> {
  const rows = await auditDb(db)
    .selectFrom('audit_checkpoints')
    .selectAll()
    .where('hall_id', '=', hallId)
    .orderBy('position')
    .orderBy('period')
    .orderBy('version')
    .execute();
  return rows.map((r) => ({
    hallId: r.hall_id,
    period: r.period,
    version: r.version,
    position: Number(r.position),
    headHash: r.head_hash,
    scoresHash: r.scores_hash,
    signedAt: r.signed_at,
    keyId: r.key_id,
    signature: r.signature,
  }));
}
