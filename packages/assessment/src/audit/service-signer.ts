import { loadSigner, SigningKeyError, type AuditSigner } from './signer.ts';

/**
 * The English text of the refusal; the catalogue (`start.text.signingKeyRequired`)
 * holds it in both languages, keyed by this text like the CLI's messages.
 */
export const SIGNING_KEY_REQUIRED =
  'SIGNING_KEY: required when DATABASE_URL is set (every API and worker process on one database must sign with the same key); generate one with `pnpm --silent cli keygen` (or `openssl genpkey -algorithm ed25519`) and give every process the same value';

/**
 * The signer of a service process (API or worker). With DATABASE_URL set,
 * several processes share the database, and a key generated per process
 * would make one hall's checkpoints carry many keys nobody chose, so
 * SIGNING_KEY is required (docs/decisions/1401-one-signing-key-per-database.md).
 * The embedded default (PGlite, one process per data directory) still
 * generates its key into DATA_DIR at first start and keeps it there.
 */
export function loadServiceSigner(opts: { signingKey?: string; dataDir: string; databaseUrl?: string }): { signer: AuditSigner; source: 'env' | 'file' | 'generated' } {
  if (!opts.signingKey && opts.databaseUrl) throw new SigningKeyError(SIGNING_KEY_REQUIRED);
  return loadSigner({ signingKey: opts.signingKey, dataDir: opts.dataDir, create: true });
}
