import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadServiceSigner, SIGNING_KEY_REQUIRED } from './service-signer.ts';
import { generateSigner, SigningKeyError } from './signer.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hall-signer-'));
  dirs.push(dir);
  return dir;
};

describe('the signing key of a service process', () => {
  it('is refused, naming SIGNING_KEY, when DATABASE_URL is set without it', async () => {
    const dataDir = await tempDir();
    expect(() => loadServiceSigner({ dataDir, databaseUrl: 'postgres://db/halls' })).toThrow(SigningKeyError);
    expect(() => loadServiceSigner({ dataDir, databaseUrl: 'postgres://db/halls' })).toThrow(SIGNING_KEY_REQUIRED);
    expect(SIGNING_KEY_REQUIRED).toMatch(/^SIGNING_KEY: .*keygen/);
  });

  it('is the same for every process given the same SIGNING_KEY on DATABASE_URL', async () => {
    const { privateKeyPem, signer } = generateSigner();
    const a = loadServiceSigner({ signingKey: privateKeyPem, dataDir: await tempDir(), databaseUrl: 'postgres://db/halls' });
    const b = loadServiceSigner({ signingKey: privateKeyPem, dataDir: await tempDir(), databaseUrl: 'postgres://db/halls' });
    expect([a.source, a.signer.keyId, b.signer.keyId]).toEqual(['env', signer.keyId, signer.keyId]);
  });

  it('is generated into DATA_DIR once on the embedded default, and kept', async () => {
    const dataDir = await tempDir();
    const first = loadServiceSigner({ dataDir });
    const again = loadServiceSigner({ dataDir });
    expect([first.source, again.source, again.signer.keyId]).toEqual(['generated', 'file', first.signer.keyId]);
  });
});
