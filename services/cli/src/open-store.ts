import { connect, migrateToLatest, type Store } from '@hall/event-store';
import { loadCliConfig, type CliConfig } from './config.ts';
import { loadSigner, type AuditVerifier } from '@hall/assessment';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The CLI's store: DATABASE_URL, else PGlite in DATA_DIR (stop the service first: PGlite's directory is locked). */
export async function openStore(): Promise<{ store: Store; config: CliConfig }> {
  const config = loadCliConfig();
  const store = await connect({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 4 });
  try {
    await migrateToLatest(store.db);
  } catch (error) {
    await store.close();
    throw error;
  }
  return { store, config };
}

/** The service's verification key: SIGNING_KEY, else the key file in DATA_DIR (never created here). */
export function serviceVerifier(config: CliConfig): AuditVerifier {
  return loadSigner({ signingKey: config.SIGNING_KEY, dataDir: config.DATA_DIR, create: false }).signer;
}

export async function requireHall(store: Store, hallId: string): Promise<void> {
  const hall = await store.db.selectFrom('halls').select('hall_id').where('hall_id', '=', hallId).executeTakeFirst();
  if (!hall) throw new UsageError(`unknown hall ${hallId}`);
}
