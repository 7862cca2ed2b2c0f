import type { cliZh } from './cli.zh-CN.ts';

export const cliEn: Record<keyof typeof cliZh, string> = {
  'cli.usage':
    'usage: hall <command>   (or: pnpm --silent cli <command>)\n  export --hall ID --to FILE                    history + checkpoints + public key as one NDJSON file\n  audit verify --hall ID [--from-checkpoint FILE] [--public-key PEM]\n                                                walk the chain, check every checkpoint signature; with FILE\n                                                (an export or GET .../audit/checkpoints JSON) also detect a\n                                                history truncated or rewritten after it\n  audit verify --file EXPORT [--public-key PEM] verify an export offline, without a database\n  audit replay --hall ID --period YYYY-MM [--version N]\n  rebuild [--hall ID]                           drop and re-project the score views\n  hall backup --hall ID --to FILE               the export plus contacts, publications, client token hashes (mode 0600)\n  hall restore --from FILE                      into a database without the hall: verifies the chain, rebuilds the views\n  keygen                                        a new Ed25519 SIGNING_KEY (one line, base64) with its key id and public key\nReads DATABASE_URL / DATA_DIR / SIGNING_KEY like the service. Results on stdout (JSON), progress and messages on stderr.\nLanguage: --lang zh-CN|en, or LANG (Chinese by default).\nExit codes: 0 ok, 1 verification or replay found a difference, 2 usage or runtime error.',
  'cli.failed': 'failed: {reason}',
  'cli.warning': 'warning: {reason}',
  'cli.progress': '{task} {bar} {percent} {done}/{total} {unit} {rate} {unit}/s {eta}',
  'cli.eta': 'ETA {time}',
  'cli.elapsed': '{time}',
  'cli.unit.events': 'events',
  'cli.unit.rows': 'rows',
  'cli.task.export': 'export',
  'cli.task.verify': 'verify',
  'cli.task.backup': 'backup',
  'cli.task.restore': 'restore',
  'cli.task.rebuild': 'rebuild',
  'cli.text.required': '{command}: --{name} is required',
  'cli.text.unknownCommand': 'unknown command "{command}"',
  'cli.text.period': '--period must be YYYY-MM',
  'cli.text.version': '--version must be a positive integer',
  'cli.text.unknownHall': 'unknown hall {hallId}',
  'cli.text.noPublicKey': '{reason}; the export carries no public key',
  'cli.text.backupRequired': 'hall backup: --hall and --to are required',
  'cli.text.restoreRequired': 'hall restore: --from is required',
  'cli.text.noHeader': '{file}: no header line: not an export of pnpm cli export',
  'cli.text.empty': '{file}: empty',
  'cli.text.noKeyInExport': '{file}: no public key in the export; pass --public-key FILE',
} as const;
