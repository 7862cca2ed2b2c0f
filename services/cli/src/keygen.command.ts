import { createPrivateKey } from 'node:crypto';
import { generateSigner } from '@hall/assessment';

/**
 * `hall keygen`: a new Ed25519 audit signing key, in the one-line form
 * SIGNING_KEY takes (base64 of the PKCS#8 DER), with its key id and public
 * key. Nothing is stored: the operator gives the same value to every API and
 * worker process (decision 1401) and keeps it out of the database's backups.
 */
export function keygen(): { signingKey: string; keyId: string; publicKey: string } {
  const { signer, privateKeyPem } = generateSigner();
  const signingKey = createPrivateKey(privateKeyPem).export({ type: 'pkcs8', format: 'der' }).toString('base64');
  return { signingKey, keyId: signer.keyId, publicKey: signer.publicKeyPem };
}
