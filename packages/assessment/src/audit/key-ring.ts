import type { AuditVerifier } from './signer.ts';

/**
 * The service's current key plus every earlier one, by key id: a checkpoint
 * is verified with the key it names, so rotating the signing key leaves old
 * checkpoints verifiable. Acts as the current key where one verifier is meant.
 */
export interface KeyRing extends AuditVerifier {
  readonly keys: ReadonlyMap<string, AuditVerifier>;
}

export function keyRingOf(current: AuditVerifier, others: Iterable<AuditVerifier>): KeyRing {
  const keys = new Map<string, AuditVerifier>();
  for (const key of others) keys.set(key.keyId, key);
  keys.set(current.keyId, current);
  return { keyId: current.keyId, publicKeyPem: current.publicKeyPem, verify: (payload, signature) => current.verify(payload, signature), keys };
}

/**
 * The verifier for a checkpoint naming `keyId`: from a key ring, the key of
 * that id (none when unknown, so the signature fails); a lone verifier (a
 * pinned `--public-key`) is used for every checkpoint, as before rotation.
 */
export function verifierFor(verifier: AuditVerifier, keyId: string): AuditVerifier | undefined {
  return 'keys' in verifier ? (verifier as KeyRing).keys.get(keyId) : verifier;
}
