import { writeSync } from 'node:fs';
import { SigningKeyError, type AuditVerifier } from '@hall/assessment';
import { loadKeyRing } from '@hall/assessment';
import { backupHall } from './backup.command.ts';
import { openStore, requireHall, serviceVerifier, UsageError } from './open-store.ts';
import { RestoreError, restoreHall } from './restore.command.ts';
import { say, t } from './cli-language.ts';

/** `hall backup` / `hall restore`: opens the store like every command, prints the result as JSON, returns the exit code. */
export async function runHallCommand(command: string, values: { hall?: string | undefined; to?: string | undefined; from?: string | undefined }): Promise<number> {
  if (command !== 'hall backup' && command !== 'hall restore') throw new UsageError(`unknown command "${command}"`);
  const { store, config } = await openStore();
  const key = (): AuditVerifier | undefined => {
    try {
      return serviceVerifier(config);
    } catch (error) {
      if (!(error instanceof SigningKeyError)) throw error;
      say(t('cli.warning', { reason: error.message }));
      return undefined;
    }
  };
  try {
    if (command === 'hall backup') {
      if (!values.hall || !values.to) throw new UsageError('hall backup: --hall and --to are required');
      await requireHall(store, values.hall);
      const verifier = key();
      const result = await backupHall(store, values.hall, values.to, verifier && (await loadKeyRing(store.db, verifier)));
      writeSync(1, `${JSON.stringify({ hallId: values.hall, file: values.to, ...result }, null, 2)}\n`);
      return 0;
    }
    if (!values.from) throw new UsageError('hall restore: --from is required');
    try {
      const result = await restoreHall(store, values.from, key());
      writeSync(1, `${JSON.stringify({ ...result, file: values.from }, null, 2)}\n`);
      return 0;
    } catch (error) {
      if (!(error instanceof RestoreError)) throw error;
      writeSync(1, `${JSON.stringify({ ok: false, error: error.message, verification: error.verification }, null, 2)}\n`);
      return 1;
    }
  } finally {
    await store.close();
  }
}
