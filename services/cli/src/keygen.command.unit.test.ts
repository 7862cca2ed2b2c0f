import { describe, expect, it } from 'vitest';
import { parseSigningKey } from '@hall/assessment';
import { keygen } from './keygen.command.ts';

describe('hall keygen', () => {
  it('prints a one-line SIGNING_KEY the service accepts, with its key id and public key', () => {
    const made = keygen();
    expect(made.signingKey).toMatch(/^[A-Za-z0-9+/=]+$/);
    const signer = parseSigningKey(made.signingKey);
    expect(signer.keyId).toBe(made.keyId);
    expect(signer.publicKeyPem).toBe(made.publicKey);
    expect(keygen().keyId).not.toBe(made.keyId);
  });
});
