// `pnpm start`: runs the compiled service (dist/server.mjs) in this very
// process, building it first when it is missing or older than its sources, so
// a fresh clone still needs only `pnpm install` and `pnpm start`. One process,
// no shell chain and no child: a SIGTERM sent to `pnpm start` reaches the
// server, which drains and exits 0 (docs/decisions/1042-process-hygiene.md).
// In a production install there are no sources, so nothing is ever rebuilt.
// `node scripts/start.mjs <entry>` runs dist/<entry>.mjs instead (`pnpm migrate`).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The newest modification time under `paths` (files or folders), 0 when none exists. */
function newest(paths) {
  let latest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    if (!stat.isDirectory()) latest = Math.max(latest, stat.mtimeMs);
    else
      for (const entry of readdirSync(path, { withFileTypes: true })) {
        if (entry.name !== 'node_modules' && entry.name !== 'dist') latest = Math.max(latest, newest([join(path, entry.name)]));
      }
  }
  return latest;
}

const built = (file) => (existsSync(file) ? statSync(file).mtimeMs : -1);
const sources = (folders) => newest(folders.map((folder) => join(root, folder)));

const entry = join(root, `dist/${process.argv[2] ?? 'server'}.mjs`);
const bundleStale = built(entry) < sources(['packages', 'services', 'package.json']);
// The front end is built when missing only (as before): a rebuild empties
// web/dist, which a running service or test may be serving; after changing
// web/, `pnpm build` rebuilds it.
const webStale = !existsSync(join(root, 'web/dist/index.html'));
if (bundleStale || webStale) {
  process.stdout.write(`building ${[bundleStale && 'dist/', webStale && 'web/dist/'].filter(Boolean).join(' and ')} first\n`);
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), ...(webStale ? [] : ['--no-web'])], { cwd: root, stdio: 'inherit' });
}

await import(entry);
