import type { Kysely } from 'kysely';
import type { Database } from '@hall/event-store';
import { keyRingOf, type KeyRing } from './key-ring.ts';
import { verifierFromPublicKey, type AuditVerifier } from './signer.ts';

/** Table of migration 0007. */
type PublicKeyTables = {
  audit_public_keys: { key_id: string; algorithm: string; public_key: string; registered_at: Date };
};

export interface PublicKeyEntry {
  algorithm: 'Ed25519';
  keyId: string;
  publicKey: string;
  registeredAt: string;
}

function keysDb(db: Kysely<Database>) {
  return db.withTables<PublicKeyTables>();
}

/** Records the public half of a key that signs (idempotent: the first registration's time stays). */
export async function registerPublicKey(db: Kysely<Database>, key: AuditVerifier, now: Date): Promise<void> {
  await keysDb(db)
    .insertInto('audit_public_keys')
    .values({ key_id: key.keyId, algorithm: 'Ed25519', public_key: key.publicKeyPem, registered_at: now })
    .onConflict((oc) => oc.column('key_id').doNothing())
    .execute();
}

/** Every key that ever signed here, oldest first. */
export async function listPublicKeys(db: Kysely<Database>): Promise<PublicKeyEntry[]> {
  const rows = await keysDb(db).selectFrom('audit_public_keys').selectAll().orderBy('registered_at').orderBy('key_id').execute();
  return rows.map((r) => ({ algorithm: 'Ed25519', keyId: r.key_id, publicKey: r.public_key, registeredAt: new Date(r.registered_at).toISOString() }));
}

/** The current key and every registered earlier one, for verifying checkpoints by the key they name. */
export async function loadKeyRing(db: Kysely<Database>, current: AuditVerifier): Promise<KeyRing> {
  const entries = await listPublicKeys(db);
  return keyRingOf(current, entries.filter((e) => e.keyId !== current.keyId).map((e) => verifierFromPublicKey(e.publicKey)));
}
