import { writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { monthPeriod } from '@hall/contracts';
import { readFile } from 'node:fs/promises';
import { ConfigError } from './config.ts';
import { openStore, requireHall, serviceVerifier, UsageError } from './open-store.ts';
import { exportHall } from './export.command.ts';
import { readExternalCheckpoints, verifyExportFile, verifyInDatabase } from './audit-verify.command.ts';
import { replayInDatabase } from './audit-replay.command.ts';
import { allHallIds, rebuild } from './rebuild.command.ts';
import { loadKeyRing, SigningKeyError, verifierFromPublicKey, type AuditVerifier } from '@hall/assessment';
import { runHallCommand } from './hall-backup.cli.ts';
import { keygen } from './keygen.command.ts';
import { cliLocale, localText, t, useLocale } from './cli-language.ts';


function out(value: unknown): void {
  writeSync(1, `${JSON.stringify(value, null, 2)}\n`);
}

async function pinnedKey(file: string | undefined): Promise<AuditVerifier | undefined> {
  return file ? verifierFromPublicKey(await readFile(file, 'utf8')) : undefined;
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      hall: { type: 'string' },
      to: { type: 'string' },
      from: { type: 'string' },
      'from-checkpoint': { type: 'string' },
      'public-key': { type: 'string' },
      file: { type: 'string' },
      period: { type: 'string' },
      version: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      lang: { type: 'string' },
    },
  });
  useLocale(cliLocale(values.lang));
  const command = positionals.join(' ');
  if (values.help || command === '') {
    writeSync(2, `${t('cli.usage')}\n`);
    return values.help ? 0 : 2;
  }
  const need = (name: 'hall' | 'to' | 'period'): string => {
    const value = values[name];
    if (!value) throw new UsageError(`${command}: --${name} is required`);
    return value;
  };

  if (command === 'audit verify' && values.file) {
    const result = await verifyExportFile(values.file, await pinnedKey(values['public-key']));
    out(result);
    return result.ok ? 0 : 1;
  }
  if (command.startsWith('hall ')) return runHallCommand(command, values);
  if (command === 'keygen') {
    out(keygen());
    return 0;
  }
  if (!['export', 'audit verify', 'audit replay', 'rebuild'].includes(command)) throw new UsageError(`unknown command "${command}"`);

  const { store, config } = await openStore();
  try {
    switch (command) {
      case 'export': {
        const hallId = need('hall');
        const to = need('to');
        await requireHall(store, hallId);
        let verifier: AuditVerifier | undefined;
        try {
          verifier = serviceVerifier(config);
        } catch (error) {
          if (!(error instanceof SigningKeyError)) throw error;
          writeSync(2, `${t('cli.warning', { reason: localText(`${error.message}; the export carries no public key`) })}\n`);
        }
        out({ hallId, file: to, ...(await exportHall(store, hallId, to, verifier)) });
        return 0;
      }
      case 'audit verify': {
        const hallId = need('hall');
        await requireHall(store, hallId);
        const verifier = (await pinnedKey(values['public-key'])) ?? (await loadKeyRing(store.db, serviceVerifier(config)));
        const fromFile = values['from-checkpoint'];
        let external: { checkpoints: Awaited<ReturnType<typeof readExternalCheckpoints>>['checkpoints']; verifier: AuditVerifier } | undefined;
        if (fromFile) {
          const read = await readExternalCheckpoints(fromFile);
          external = { checkpoints: read.checkpoints, verifier: (await pinnedKey(values['public-key'])) ?? (read.publicKey ? verifierFromPublicKey(read.publicKey) : verifier) };
        }
        const result = await verifyInDatabase(store, hallId, verifier, external);
        out(result);
        return result.ok ? 0 : 1;
      }
      case 'audit replay': {
        const hallId = need('hall');
        const period = monthPeriod.safeParse(need('period'));
        if (!period.success) throw new UsageError('--period must be YYYY-MM');
        const version = values.version === undefined ? undefined : Number(values.version);
        if (version !== undefined && (!Number.isInteger(version) || version < 1)) throw new UsageError('--version must be a positive integer');
        await requireHall(store, hallId);
        const result = await replayInDatabase(store, hallId, period.data, version);
        out(result);
        return result.matches ? 0 : 1;
      }
      default: {
        const hallIds = values.hall ? [values.hall] : await allHallIds(store);
        if (values.hall) await requireHall(store, values.hall);
        out(await rebuild(store, hallIds));
        return 0;
      }
    }
  } finally {
    await store.close();
  }
}

// The language is known before parsing only from the environment or a well-formed --lang; a parse error still speaks it.
const langFlag = process.argv.find((a, i, all) => all[i - 1] === '--lang' || a.startsWith('--lang='));
useLocale(cliLocale(langFlag?.replace(/^--lang=/, '')));

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof SigningKeyError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      writeSync(2, `${localText((error as Error).message)}\n\n${t('cli.usage')}\n`);
    } else {
      writeSync(2, `${t('cli.failed', { reason: error instanceof Error ? (error.stack ?? error.message) : String(error) })}\n`);
    }
    process.exit(2);
  },
);
