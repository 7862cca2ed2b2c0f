// `pnpm build`: bundles each entry point into dist/<name>.mjs (workspace
// packages inlined, every npm package left external and loaded from
// node_modules), then builds the board front end into web/dist. Why a bundle
// and not tsc: docs/decisions/1041-build-and-production-install.md.
//
//   node scripts/build.mjs            both
//   node scripts/build.mjs --no-web   the entry points only (the tests: web/dist may be in use)
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** One line per process the image can run: `node dist/<name>.mjs`. */
const entries = {
  server: 'services/api/src/server.ts', // the API with the in-process scheduler (BullMQ when REDIS_URL is set)
  projector: 'services/api/src/projector-thread.ts', // the server's projector thread with DATABASE_URL (docs/decisions/1861), not a process
  migrate: 'services/api/src/migrate.ts', // one-shot: apply pending migrations and exit
  worker: 'services/worker/src/main.ts', // the period scheduler alone (BullMQ with REDIS_URL, else in-process timers)
  cli: 'services/cli/src/main.ts', // operator and auditor commands (`node dist/cli.mjs audit verify …`, or the `hall` bin)
};

/**
 * Packages the code loads by name at run time rather than by import, so the
 * bundle's import list cannot show them.
 */
const loadedByName = new Set(['pino-pretty']); // pino's transport target on a terminal (server.ts)

const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

const keepNpmPackagesExternal = {
  name: 'npm-packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@hall/') || args.path.startsWith('node:') ? undefined : { path: args.path, external: true },
    );
  },
};

const dist = `${root}dist`;
rmSync(dist, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: entries,
  outdir: dist,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: 'linked',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
  plugins: [keepNpmPackagesExternal],
});

// The runtime dependencies must be exactly what the bundle loads: a missing
// one fails in production only, an extra one ships for nothing.
const used = new Set(loadedByName);
for (const output of Object.values(result.metafile.outputs)) {
  for (const imported of output.imports) {
    if (imported.external && !imported.path.startsWith('node:')) used.add(packageName(imported.path));
  }
}
const declared = new Set(Object.keys(JSON.parse(readFileSync(`${root}package.json`, 'utf8')).dependencies ?? {}));
const missing = [...used].filter((name) => !declared.has(name));
const unused = [...declared].filter((name) => !used.has(name));
if (missing.length > 0 || unused.length > 0) {
  process.stderr.write(
    `package.json "dependencies" must be what dist/ loads:\n  missing: ${missing.join(', ') || '-'}\n  not loaded: ${unused.join(', ') || '-'}\n`,
  );
  process.exit(1);
}
process.stdout.write(`built ${Object.keys(entries).map((name) => `dist/${name}.mjs`).join(', ')} (${used.size} runtime packages)\n`);

if (!process.argv.includes('--no-web')) {
  execFileSync('pnpm', ['--filter', '@hall/web', 'build'], { cwd: root, stdio: 'inherit' });
}
