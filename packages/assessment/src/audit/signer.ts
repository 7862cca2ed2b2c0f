import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Verifies checkpoint signatures: all an auditor needs, built from the public key alone. */
export interface AuditVerifier {
  /** First 16 hex digits of sha256 over the public key's SPKI DER. */
  readonly keyId: string;
  /** SPKI PEM, as `GET /v1/audit/public-key` serves it. */
  readonly publicKeyPem: string;
  verify(payload: string, signatureBase64: string): boolean;
}

/** Signs checkpoints. The private key never leaves this object and is never logged. */
export interface AuditSigner extends AuditVerifier {
  sign(payload: string): string;
}

export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';
}

function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

export function verifierFromPublicKey(pem: string): AuditVerifier {
  const publicKey = createPublicKey(pem);
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new SigningKeyError('the audit public key is not an Ed25519 key');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return {
    keyId: keyIdOf(publicKey),
    publicKeyPem,
    verify(payload, signatureBase64) {
      try {
        return verify(null, Buffer.from(payload, 'utf8'), publicKey, Buffer.from(signatureBase64, 'base64'));
      } catch {
        return false;
      }
    },
  };
}

export function signerFromPrivateKey(privateKey: KeyObject): AuditSigner {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new SigningKeyError('SIGNING_KEY: must be an Ed25519 private key');
  const verifier = verifierFromPublicKey(createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString());
  return {
    ...verifier,
    sign: (payload) => sign(null, Buffer.from(payload, 'utf8'), privateKey).toString('base64'),
  };
}

/** A fresh key pair (tests, and the first start without SIGNING_KEY). */
export function generateSigner(): { signer: AuditSigner; privateKeyPem: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { signer: signerFromPrivateKey(privateKey), privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

/**
 * Parses `SIGNING_KEY`: an Ed25519 private key as PKCS#8 PEM
 * (`-----BEGIN PRIVATE KEY-----`, `\n` escapes allowed) or as the base64 of
 * the PKCS#8 DER (the PEM body on one line). Throws a SigningKeyError that
 * names the variable and never echoes the value.
 */
export function parseSigningKey(text: string): AuditSigner {
  try {
    const trimmed = text.trim();
    const key = trimmed.startsWith('-----BEGIN')
      ? createPrivateKey(trimmed.replaceAll('\\n', '\n'))
      : createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' });
    return signerFromPrivateKey(key);
  } catch (error) {
    if (error instanceof SigningKeyError) throw error;
    throw new SigningKeyError('SIGNING_KEY: must be an Ed25519 private key, PKCS#8 PEM or base64 of the PKCS#8 DER');
  }
}

export const SIGNING_KEY_FILE = 'signing-key.pem';

/**
 * The service's signer: `SIGNING_KEY` when set; otherwise the key kept in
 * `${dataDir}/signing-key.pem`, generated (mode 0600) when `create` and
 * missing. Production sets SIGNING_KEY and keeps it outside the database
 * and its backups (docs/decisions/0701-audit-signing-key.md).
 */
export function loadSigner(opts: { signingKey?: string; dataDir: string; create: boolean }): { signer: AuditSigner; source: 'env' | 'file' | 'generated' } {
  if (opts.signingKey) return { signer: parseSigningKey(opts.signingKey), source: 'env' };
  const file = join(opts.dataDir, SIGNING_KEY_FILE);
  let pem: string | undefined;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (pem !== undefined) {
    try {
      return { signer: signerFromPrivateKey(createPrivateKey(pem)), source: 'file' };
    } catch {
      throw new SigningKeyError(`${file}: not an Ed25519 private key in PKCS#8 PEM`);
    }
  }
  if (!opts.create) throw new SigningKeyError(`no signing key: set SIGNING_KEY or run the service once so it creates ${file}`);
  mkdirSync(opts.dataDir, { recursive: true });
  const { signer, privateKeyPem } = generateSigner();
  // 'wx': two processes starting at once must not overwrite each other's key.
  try {
    writeFileSync(file, privateKeyPem, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadSigner({ ...opts, create: false });
    throw error;
  }
  return { signer, source: 'generated' };
}
